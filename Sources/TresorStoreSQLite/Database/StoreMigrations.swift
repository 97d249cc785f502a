import GRDB
import TresorStore

/// Schema migrations. A migration is never edited once shipped: changes go into a new one.
enum StoreMigrations {
    /// `tresor.sqlite`. Personal-data columns are BLOBs holding sealed fields (Docs/crypto.md);
    /// the clear columns are the ones filters need and that identify no one on their own.
    static var data: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 customers") { db in
            try db.execute(sql: """
                CREATE TABLE tresor_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE teammates (
                    id TEXT PRIMARY KEY,
                    name BLOB NOT NULL,
                    email BLOB NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE customers (
                    id TEXT PRIMARY KEY,
                    name BLOB NOT NULL,
                    last_name BLOB,
                    email BLOB NOT NULL,
                    email_index BLOB NOT NULL UNIQUE,
                    phone BLOB,
                    company BLOB,
                    metadata BLOB,
                    country TEXT NOT NULL,
                    locale TEXT,
                    timezone_offset TEXT,
                    category TEXT NOT NULL,
                    priority TEXT NOT NULL,
                    lead_status TEXT,
                    teammate_id TEXT REFERENCES teammates(id) ON DELETE SET NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX customers_by_created ON customers(created_at, id);
                CREATE INDEX customers_by_country ON customers(country, created_at, id);
                CREATE INDEX customers_by_teammate ON customers(teammate_id);
                CREATE TABLE addresses (
                    id TEXT PRIMARY KEY,
                    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    name BLOB, last_name BLOB, company BLOB, representative BLOB, email BLOB, phone BLOB,
                    address BLOB, city BLOB, postcode BLOB, state BLOB, message BLOB, vat BLOB,
                    country TEXT NOT NULL,
                    locale TEXT,
                    is_company INTEGER NOT NULL,
                    verified_vat INTEGER NOT NULL
                );
                CREATE INDEX addresses_by_customer ON addresses(customer_id, kind, position);
                CREATE TABLE mailing_lists (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL);
                CREATE TABLE mailing_list_members (
                    list_id TEXT NOT NULL REFERENCES mailing_lists(id) ON DELETE CASCADE,
                    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                    added_at INTEGER NOT NULL,
                    PRIMARY KEY (list_id, customer_id)
                ) WITHOUT ROWID;
                CREATE INDEX members_by_customer ON mailing_list_members(customer_id);
                -- Deletions whose data key is being destroyed; finished at the next open after a crash.
                CREATE TABLE pending_erasures (subject_id TEXT PRIMARY KEY, kind TEXT NOT NULL) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2 api keys") { db in
            try db.execute(sql: """
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY,
                    visible_prefix TEXT NOT NULL,
                    secret_hash BLOB NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    reach TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    revoked_at INTEGER
                );
                """)
        }
        migrator.registerMigration("v3 idempotency") { db in
            try db.execute(sql: """
                CREATE TABLE idempotency_records (
                    api_key_id TEXT NOT NULL,
                    method TEXT NOT NULL,
                    path TEXT NOT NULL,
                    key_hash BLOB NOT NULL,
                    request_hash BLOB NOT NULL,
                    status INTEGER,
                    response BLOB,
                    master_key_version INTEGER NOT NULL,
                    subjects TEXT NOT NULL DEFAULT '',
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (api_key_id, method, path, key_hash)
                ) WITHOUT ROWID;
                CREATE INDEX idempotency_by_age ON idempotency_records(created_at);
                """)
        }
        migrator.registerMigration("v4 access log") { db in
            try db.execute(sql: """
                -- One row per entry: `entry` is the canonical encoding (Docs/access-log.md), `hash` the
                -- chain hash after it. `time` repeats the entry's time for range queries; verify checks it.
                CREATE TABLE access_log (
                    seq INTEGER PRIMARY KEY,
                    time INTEGER NOT NULL,
                    entry BLOB NOT NULL,
                    hash BLOB NOT NULL
                );
                CREATE INDEX access_log_by_time ON access_log(time);
                -- Which entries name which subject: derived from the entries, checked by verify.
                CREATE TABLE access_log_subjects (
                    subject_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    PRIMARY KEY (subject_id, seq)
                ) WITHOUT ROWID;
                CREATE TABLE access_log_checkpoints (
                    seq INTEGER PRIMARY KEY,
                    time INTEGER NOT NULL,
                    chain_hash BLOB NOT NULL,
                    key_id TEXT NOT NULL,
                    signature BLOB NOT NULL
                );
                -- The Ed25519 keys that sign checkpoints: public half in clear, seed sealed under the master key.
                CREATE TABLE audit_keys (
                    key_id TEXT PRIMARY KEY,
                    public_key BLOB NOT NULL,
                    sealed_seed BLOB NOT NULL,
                    master_key_version INTEGER NOT NULL,
                    created_at INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v5 webhooks") { db in
            try db.execute(sql: """
                -- Secrets sealed under a key derived from the master key (purpose webhooks.secrets).
                CREATE TABLE webhook_endpoints (
                    id TEXT PRIMARY KEY,
                    url TEXT NOT NULL,
                    events TEXT NOT NULL,
                    country TEXT NOT NULL,
                    transfer_basis TEXT,
                    payload TEXT NOT NULL,
                    secret BLOB NOT NULL,
                    previous_secret BLOB,
                    previous_secret_expires_at INTEGER,
                    master_key_version INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    disabled_at INTEGER
                );
                -- One row per change; `snapshot` is the customer as JSON, sealed under the subject's data
                -- key, kept only when an endpoint wants full payloads (gone with the key on erasure).
                CREATE TABLE webhook_events (
                    id TEXT PRIMARY KEY,
                    type TEXT NOT NULL,
                    customer_id TEXT NOT NULL,
                    changed_fields TEXT NOT NULL,
                    snapshot BLOB,
                    created_at INTEGER NOT NULL
                );
                -- The outbox: one row per event and endpoint, written in the transaction of the change.
                CREATE TABLE webhook_deliveries (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    event_id TEXT NOT NULL REFERENCES webhook_events(id),
                    endpoint_id TEXT NOT NULL,
                    customer_id TEXT NOT NULL,
                    recipient TEXT NOT NULL,
                    status TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at INTEGER,
                    delivered_at INTEGER,
                    last_status_code INTEGER,
                    last_error TEXT,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
                CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries(endpoint_id, seq);
                CREATE INDEX webhook_deliveries_in_order ON webhook_deliveries(endpoint_id, customer_id, status, seq);
                CREATE TABLE webhook_attempts (
                    delivery_id TEXT NOT NULL,
                    attempt INTEGER NOT NULL,
                    at INTEGER NOT NULL,
                    status_code INTEGER,
                    error TEXT,
                    duration_ms INTEGER NOT NULL,
                    PRIMARY KEY (delivery_id, attempt)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v6 emails") { db in
            try db.execute(sql: """
                -- Written by the business; no personal data. Deleted templates are kept (deleted_at)
                -- so the emails sent with them still name them.
                CREATE TABLE email_templates (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    text_body TEXT NOT NULL,
                    html_body TEXT,
                    created_at INTEGER NOT NULL,
                    deleted_at INTEGER
                ) WITHOUT ROWID;
                -- The email outbox, written in the transaction that queues the email. `recipient` and
                -- `message` (the whole MIME message) are sealed under the customer's data key;
                -- `message` is dropped once the email is sent, failed or cancelled.
                CREATE TABLE emails (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    customer_id TEXT NOT NULL,
                    template_id TEXT NOT NULL,
                    template_name TEXT NOT NULL,
                    -- The customer fields the message holds (names only), for the access log.
                    fields TEXT NOT NULL,
                    recipient BLOB NOT NULL,
                    message BLOB,
                    relay TEXT NOT NULL,
                    status TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at INTEGER,
                    sent_at INTEGER,
                    last_error TEXT,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX emails_due ON emails(status, next_attempt_at);
                CREATE INDEX emails_by_customer ON emails(customer_id, seq);
                """)
        }
        migrator.registerMigration("v7 erasure requests") { db in
            try db.execute(sql: """
                -- Requests under Art. 17. `note` is free text that may name the requester: sealed under
                -- the customer's data key, so it goes with the key when the request is executed.
                CREATE TABLE erasure_requests (
                    id TEXT PRIMARY KEY,
                    customer_id TEXT NOT NULL,
                    received_on TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    note BLOB,
                    status TEXT NOT NULL,
                    extension_months INTEGER NOT NULL DEFAULT 0,
                    extension_reason TEXT,
                    identity_verified_by TEXT,
                    identity_verification TEXT,
                    rejection TEXT,
                    created_at INTEGER NOT NULL,
                    decided_at INTEGER,
                    executed_at INTEGER
                ) WITHOUT ROWID;
                CREATE INDEX erasure_requests_by_status ON erasure_requests(status, received_on);
                """)
        }
        migrator.registerMigration("v8 legal holds, erasure ledger, certificates") { db in
            try db.execute(sql: """
                -- Legal holds (Docs/erasure.md). `retained` is the held category's data, re-sealed when the
                -- customer is erased under the hold's own key (`hold:<id>` in keys.sqlite); NULL before
                -- the erasure and after the hold ends.
                CREATE TABLE legal_holds (
                    id TEXT PRIMARY KEY,
                    customer_id TEXT NOT NULL,
                    category TEXT NOT NULL,
                    legal_basis TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    until_day TEXT NOT NULL,
                    status TEXT NOT NULL,
                    retained BLOB,
                    created_at INTEGER NOT NULL,
                    retained_at INTEGER,
                    ended_at INTEGER
                ) WITHOUT ROWID;
                CREATE INDEX legal_holds_by_customer ON legal_holds(customer_id);
                CREATE INDEX legal_holds_by_status ON legal_holds(status, until_day);
                -- Every erasure, hash-chained, without personal data: the copy inside the data file of
                -- `erasure-ledger.jsonl`, which restores replay into older backups.
                CREATE TABLE erasure_ledger (
                    seq INTEGER PRIMARY KEY,
                    time INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    subject_id TEXT NOT NULL,
                    hold_id TEXT,
                    hash BLOB NOT NULL
                );
                -- Signed erasure certificates (JSON); no personal data.
                CREATE TABLE erasure_certificates (
                    id TEXT PRIMARY KEY,
                    customer_id TEXT NOT NULL,
                    request_id TEXT,
                    ledger_seq INTEGER NOT NULL,
                    document BLOB NOT NULL,
                    created_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX erasure_certificates_by_customer ON erasure_certificates(customer_id);
                CREATE INDEX erasure_certificates_by_request ON erasure_certificates(request_id);
                """)
        }
        migrator.registerMigration("v9 webhook endpoint names") { db in
            // The operator's name for the receiving system, how a subject's statement names it.
            try db.execute(sql: "ALTER TABLE webhook_endpoints ADD COLUMN name TEXT")
        }
        migrator.registerMigration("v10 teammates as Tamio has them") { db in
            // last_name sealed like name and email; role (roles.yaml) and country in clear.
            try db.execute(sql: """
                ALTER TABLE teammates ADD COLUMN last_name BLOB;
                ALTER TABLE teammates ADD COLUMN role TEXT;
                ALTER TABLE teammates ADD COLUMN country TEXT;
                """)
        }
        migrator.registerMigration("v11 search tokens") { db in
            // Truncated blind indexes of the words and prefixes of name, last name, company and
            // email (CustomerSearch); filled for earlier customers at open.
            try db.execute(sql: """
                CREATE TABLE customer_search_tokens (
                    token INTEGER NOT NULL,
                    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                    PRIMARY KEY (token, customer_id)
                ) WITHOUT ROWID;
                CREATE INDEX search_tokens_by_customer ON customer_search_tokens(customer_id);
                """)
        }
        migrator.registerMigration("v12 Tamio's remaining customer fields") { db in
            // The Stripe and affiliate ids are sealed like every personal field; source in clear.
            try db.execute(sql: """
                ALTER TABLE customers ADD COLUMN stripe_customer_id BLOB;
                ALTER TABLE customers ADD COLUMN affiliate_partner_id BLOB;
                ALTER TABLE customers ADD COLUMN source TEXT;
                """)
        }
        migrator.registerMigration("v13 custom billing fields") { db in
            try db.execute(sql: "ALTER TABLE addresses ADD COLUMN custom_billing_fields BLOB")  // sealed JSON, billing addresses only
        }
        migrator.registerMigration("v14 compatibility mode") { db in
            try db.execute(sql: """
                ALTER TABLE api_keys ADD COLUMN compat TEXT NOT NULL DEFAULT 'standard';  -- APICompatibility
                ALTER TABLE webhook_endpoints ADD COLUMN tamio_signature_header TEXT;     -- also sign Tamio's way, in this header
                """)
        }
        migrator.registerMigration("v15 webhook endpoint roles") { db in
            try db.execute(sql: "ALTER TABLE webhook_endpoints ADD COLUMN role TEXT")  // the registering key's role: its field policy shapes payloads
        }
        return migrator
    }

    /// `keys.sqlite`: one wrapped data key per data subject (customer or teammate).
    static var keys: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 subject keys") { db in
            try db.execute(sql: """
                CREATE TABLE subject_keys (
                    subject_id TEXT PRIMARY KEY,
                    wrapped_key BLOB NOT NULL,
                    created_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                -- Keys written before their subject's rows; confirmed or removed after a crash.
                CREATE TABLE pending_keys (subject_id TEXT PRIMARY KEY, created_at INTEGER NOT NULL) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
