/// The stylesheet of the documents Tresor writes for people (the Art. 15 statement, erasure
/// certificates): readable on screen, printable, rendered the same by a headless browser.
enum DocumentStyle {
    static let css = """
      body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #1d2733; max-width: 56rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.5; }
      h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
      h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 2px solid #d7dee8; padding-bottom: 0.2rem; }
      .subtitle { color: #56657a; margin-top: 0; }
      table { border-collapse: collapse; width: 100%; margin: 0.6rem 0; font-size: 0.93rem; }
      th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem; border-bottom: 1px solid #e3e8ef; }
      th { background: #f2f5f9; font-weight: 600; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
      dt { font-weight: 600; }
      dd { margin: 0; }
      .note { color: #56657a; font-size: 0.9rem; }
      code { font-size: 0.85rem; word-break: break-all; }
    """
}
