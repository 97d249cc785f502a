/// Mustache templates of the Art. 15 statement. Values are HTML-escaped in the HTML version;
/// the text version is plain text.
enum StatementTemplates {
    static let html = """
    <!DOCTYPE html>
    <html lang="{{lang}}">
    <head>
    <meta charset="utf-8">
    <title>{{label.title}}</title>
    <style>
    \(DocumentStyle.css)
    </style>
    </head>
    <body>
    <h1>{{label.title}}</h1>
    <p class="subtitle">{{label.subtitle}}</p>
    <p>{{label.intro}}</p>

    <h2>{{label.controller}}</h2>
    <dl>
    {{#controller}}<dt>{{label.controller}}</dt><dd>{{name}}, {{address}}</dd>
    <dt>{{label.contact}}</dt><dd>{{contact}}</dd>
    {{#dpo}}<dt>{{label.dpo}}</dt><dd>{{dpo}}</dd>{{/dpo}}{{/controller}}
    <dt>{{label.subject_id}}</dt><dd>{{subject_id}}</dd>
    <dt>{{label.generated}}</dt><dd>{{generated_at}}</dd>
    </dl>

    <h2>{{label.your_data}}</h2>
    <p>{{label.your_data_intro}}</p>
    <dl>
    {{#your_data}}<dt>{{label}}</dt><dd>{{value}}</dd>
    {{/your_data}}</dl>
    {{#addresses}}<h3>{{title}}</h3>
    <dl>
    {{#rows}}<dt>{{label}}</dt><dd>{{value}}</dd>
    {{/rows}}</dl>
    {{/addresses}}

    <h2>{{label.messages_title}}</h2>
    {{#has_messages}}<table>
    <tr><th>{{label.message}}</th><th>{{label.when}}</th><th>{{label.status}}</th></tr>
    {{#messages}}<tr><td>{{message}}</td><td>{{when}}</td><td>{{status}}</td></tr>
    {{/messages}}</table>{{/has_messages}}
    {{^has_messages}}<p>{{label.no_messages}}</p>{{/has_messages}}

    <h2>{{label.notifications_title}}</h2>
    {{#has_notifications}}<p>{{label.notifications_text}}</p>
    <table>
    <tr><th>{{label.recipient}}</th><th>{{label.times}}</th><th>{{label.last}}</th></tr>
    {{#notifications}}<tr><td>{{recipient}}</td><td>{{times}}</td><td>{{last}}</td></tr>
    {{/notifications}}</table>{{/has_notifications}}
    {{^has_notifications}}<p>{{label.no_notifications}}</p>{{/has_notifications}}

    <h2>{{label.holds_title}}</h2>
    {{#has_holds}}<p>{{label.holds_text}}</p>
    <table>
    <tr><th>{{label.what}}</th><th>{{label.why}}</th><th>{{label.until}}</th><th>{{label.status}}</th></tr>
    {{#holds}}<tr><td>{{what}}</td><td>{{why}}</td><td>{{until}}</td><td>{{status}}</td></tr>
    {{/holds}}</table>{{/has_holds}}
    {{^has_holds}}<p>{{label.no_holds}}</p>{{/has_holds}}

    <h2>{{label.requests_title}}</h2>
    {{#has_requests}}<table>
    <tr><th>{{label.kind}}</th><th>{{label.received}}</th><th>{{label.status}}</th></tr>
    {{#requests}}<tr><td>{{kind}}</td><td>{{received}}</td><td>{{status}}</td></tr>
    {{/requests}}</table>{{/has_requests}}
    {{^has_requests}}<p>{{label.no_requests}}</p>{{/has_requests}}

    <h2>{{label.a}}</h2>
    <table>
    <tr><th>{{label.purpose}}</th><th>{{label.legal_basis}}</th><th>{{label.categories}}</th></tr>
    {{#purposes}}<tr><td>{{name}}</td><td>{{legal_basis}}</td><td>{{categories}}</td></tr>
    {{/purposes}}</table>

    <h2>{{label.b}}</h2>
    <table>
    <tr><th>{{label.category}}</th><th>{{label.fields}}</th><th>{{label.held}}</th></tr>
    {{#categories}}<tr><td>{{name}}</td><td>{{fields}}</td><td>{{held}}</td></tr>
    {{/categories}}</table>

    <h2>{{label.c}}</h2>
    <table>
    <tr><th>{{label.recipient}}</th><th>{{label.country}}</th><th>{{label.purposes}}</th></tr>
    {{#recipients}}<tr><td>{{name}}</td><td>{{country}}</td><td>{{purposes}}</td></tr>
    {{/recipients}}</table>
    {{#has_disclosures}}<p>{{label.disclosures}}</p>
    <table>
    <tr><th>{{label.recipient}}</th><th>{{label.times}}</th><th>{{label.last}}</th></tr>
    {{#disclosures}}<tr><td>{{recipient}}</td><td>{{times}}</td><td>{{last}}</td></tr>
    {{/disclosures}}</table>{{/has_disclosures}}
    {{^has_disclosures}}<p>{{label.no_disclosures}}</p>{{/has_disclosures}}

    <h2>{{label.d}}</h2>
    <table>
    <tr><th>{{label.purpose}}</th><th>{{label.retention}}</th></tr>
    {{#purposes}}<tr><td>{{name}}</td><td>{{retention}}</td></tr>
    {{/purposes}}</table>

    <h2>{{label.e}}</h2>
    <p>{{label.rights}}</p>

    <h2>{{label.f}}</h2>
    <p>{{label.complaint}}</p>
    <p>{{controller.authority}}</p>

    <h2>{{label.g}}</h2>
    <table>
    <tr><th>{{label.category}}</th><th>{{label.source}}</th></tr>
    {{#categories}}<tr><td>{{name}}</td><td>{{source}}</td></tr>
    {{/categories}}</table>

    <h2>{{label.h}}</h2>
    <p>{{automated}}</p>

    <h2>{{label.transfers}}</h2>
    {{#has_transfers}}<table>
    <tr><th>{{label.recipient}}</th><th>{{label.country}}</th><th>{{label.safeguards}}</th></tr>
    {{#transfers}}<tr><td>{{recipient}}</td><td>{{country}}</td><td>{{safeguards}}</td></tr>
    {{/transfers}}</table>{{/has_transfers}}
    {{^has_transfers}}<p>{{label.no_transfers}}</p>{{/has_transfers}}

    <h2>{{label.storage}}</h2>
    <p>{{label.storage_text}}</p>

    <h2>{{label.accesses}}</h2>
    <p>{{label.accesses_text}}</p>
    {{#has_seen_by}}<p>{{label.seen_by}}</p>
    <ul>{{#seen_by}}<li>{{role}}: {{fields}}</li>{{/seen_by}}</ul>{{/has_seen_by}}

    <h2>{{label.files}}</h2>
    <p class="note">{{#files}}{{.}} {{/files}}</p>
    </body>
    </html>

    """

    static let text = """
    {{% CONTENT_TYPE: TEXT}}{{label.title}}
    {{label.subtitle}}

    {{label.intro}}

    == {{label.controller}}
    {{#controller}}{{name}}, {{address}}
    {{label.contact}}: {{contact}}
    {{#dpo}}{{label.dpo}}: {{dpo}}
    {{/dpo}}{{/controller}}{{label.subject_id}}: {{subject_id}}
    {{label.generated}}: {{generated_at}}

    == {{label.your_data}}
    {{label.your_data_intro}}
    {{#your_data}}- {{label}}: {{value}}
    {{/your_data}}{{#addresses}}
    {{title}}
    {{#rows}}  - {{label}}: {{value}}
    {{/rows}}{{/addresses}}

    == {{label.messages_title}}
    {{#messages}}- {{message}}, {{when}}: {{status}}
    {{/messages}}{{^has_messages}}{{label.no_messages}}
    {{/has_messages}}

    == {{label.notifications_title}}
    {{#has_notifications}}{{label.notifications_text}}
    {{/has_notifications}}{{#notifications}}- {{recipient}}: {{times}} ({{label.last}} {{last}})
    {{/notifications}}{{^has_notifications}}{{label.no_notifications}}
    {{/has_notifications}}

    == {{label.holds_title}}
    {{#has_holds}}{{label.holds_text}}
    {{/has_holds}}{{#holds}}- {{what}}: {{why}}, {{label.until}} {{until}} ({{status}})
    {{/holds}}{{^has_holds}}{{label.no_holds}}
    {{/has_holds}}

    == {{label.requests_title}}
    {{#requests}}- {{kind}}, {{label.received}} {{received}}: {{status}}
    {{/requests}}{{^has_requests}}{{label.no_requests}}
    {{/has_requests}}

    == {{label.a}}
    {{#purposes}}- {{name}}
      {{label.legal_basis}}: {{legal_basis}}
      {{label.categories}}: {{categories}}
    {{/purposes}}

    == {{label.b}}
    {{#categories}}- {{name}} ({{fields}}): {{held}}
    {{/categories}}

    == {{label.c}}
    {{#recipients}}- {{name}} ({{country}}): {{purposes}}
    {{/recipients}}
    {{#has_disclosures}}{{label.disclosures}}
    {{#disclosures}}- {{recipient}}: {{times}} ({{label.last}} {{last}})
    {{/disclosures}}{{/has_disclosures}}{{^has_disclosures}}{{label.no_disclosures}}
    {{/has_disclosures}}

    == {{label.d}}
    {{#purposes}}- {{name}}: {{retention}}
    {{/purposes}}

    == {{label.e}}
    {{label.rights}}

    == {{label.f}}
    {{label.complaint}}
    {{controller.authority}}

    == {{label.g}}
    {{#categories}}- {{name}}: {{source}}
    {{/categories}}

    == {{label.h}}
    {{automated}}

    == {{label.transfers}}
    {{#transfers}}- {{recipient}} {{country}}: {{safeguards}}
    {{/transfers}}{{^has_transfers}}{{label.no_transfers}}
    {{/has_transfers}}

    == {{label.storage}}
    {{label.storage_text}}

    == {{label.accesses}}
    {{label.accesses_text}}
    {{#has_seen_by}}{{label.seen_by}}
    {{#seen_by}}- {{role}}: {{fields}}
    {{/seen_by}}{{/has_seen_by}}

    == {{label.files}}
    {{#files}}- {{.}}
    {{/files}}
    """
}
