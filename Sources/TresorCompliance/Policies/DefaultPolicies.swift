/// The policy files Tresor ships (`policies/` in the repository), used when a deployment has
/// no policies directory of its own. A test keeps these identical to the files.
public enum DefaultPolicies {
    public static let roles = """
# Roles: the permission scopes an API key of each role holds.
#
# scopes: any of customers.view, customers.edit, customers.create, customers.remove,
#   customers.email, lists.manage, teammates.manage, webhooks.manage, compliance.export,
#   compliance.erasure, audit.read, keys.manage
# purpose: recorded in the access log for this role's accesses when a request names none
# assigned_customers_only: keys of this role see only customers assigned to their teammate
#   (give the teammate with `tresor keys create --assigned-to TEAMMATE_ID`)
roles:
  admin:
    scopes: [customers.view, customers.edit, customers.create, customers.remove, customers.email,
             lists.manage, teammates.manage, webhooks.manage, compliance.export, compliance.erasure,
             audit.read, keys.manage]
    purpose: administration
  support-agent:
    scopes: [customers.view, customers.edit]
    purpose: customer-support
    assigned_customers_only: true
  marketing:
    scopes: [customers.view, customers.email, lists.manage]
    purpose: marketing
  compliance-officer:
    scopes: [customers.view, compliance.export, audit.read]
    purpose: legal-obligation
  erasure-admin:
    scopes: [customers.view, customers.remove, compliance.erasure, audit.read]
    purpose: erasure-request
  integration:
    scopes: [customers.create, customers.view, customers.edit]
    purpose: contract

"""

    public static let residency = """
# Residency: where this deployment stores personal data, and on what basis data may leave the
# EU/EEA. Tresor refuses to start when storage_region is not one of allowed_regions.
storage_region: eu-central-1

# Region name -> ISO country code of the data centre.
regions:
  eu-central-1: DE      # Frankfurt
  eu-central-2: CH      # Zurich (Switzerland: adequacy decision, not EU/EEA)
  eu-west-1: IE         # Dublin
  eu-west-3: FR         # Paris
  eu-north-1: SE        # Stockholm
  eu-south-1: IT        # Milan
  eu-south-2: ES        # Aragon
  us-east-1: US         # N. Virginia
  eu-fsn: DE            # Falkenstein
  eu-hel: FI            # Helsinki

# Regions that may store personal data: EU/EEA only.
allowed_regions: [eu-central-1, eu-west-1, eu-west-3, eu-north-1, eu-south-1, eu-south-2, eu-fsn, eu-hel]

# Countries with an EU adequacy decision (Art. 45 GDPR). For the United States the decision
# covers only organisations certified under the EU-US Data Privacy Framework, so it is not listed
# here: record a transfer basis for a US recipient instead.
adequacy_countries: [AD, AR, CA, FO, GG, IL, IM, JP, JE, NZ, KR, CH, GB, UY]

# Recorded legal bases (Art. 46 GDPR) for recipients in other third countries, for example:
#   - country: US
#     basis: "standard contractual clauses (Commission Decision 2021/914), signed 2026-01-15"
transfer_bases: []

"""

    public static let retention = """
# Retention: how long Tresor keeps what it records about its own work.
access_log:
  # Entries older than this are pruned, up to the newest signed checkpoint before the cutoff,
  # which stays as the anchor the rest verifies from. 1095 days = three years, the regular
  # limitation period for claims in Germany (BGB §195), within which the access log is evidence.
  keep_days: 1095
  # A signed checkpoint every this many entries, or after this many seconds with new entries,
  # whichever comes first. Entries after the newest checkpoint are chained but not yet signed.
  checkpoint_every_entries: 1000
  checkpoint_every_seconds: 60

"""
}
