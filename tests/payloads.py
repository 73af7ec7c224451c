"""Text a hostile or careless user could type into a name, comment or note, or put in a link: each one
must show as typed, never as a link, icon, emoji, colour, formula, markup or script."""

from __future__ import annotations

EVIL = "evil.example"  # every link in the corpus points here, so a page can be searched for it

PAYLOADS: dict[str, str] = {
    # bare links: GFM's autolink literals, which Streamlit finds even in backslash-escaped text
    "https-url": f"see https://{EVIL}/login now",
    "http-url": f"http://{EVIL}",
    "url-with-path-query": f"https://{EVIL}/a/b?c=d&e=f#g",
    "url-uppercase": f"HTTPS://{EVIL.upper()}/X",
    "url-in-parentheses": f"(https://{EVIL})",
    "url-with-port": f"https://{EVIL}:8443/x",
    "url-user-info": f"https://user:pw@{EVIL}/",
    "www": f"www.{EVIL}",
    "www-uppercase": f"WWW.{EVIL.upper()}",
    "www-mid-sentence": f"go to www.{EVIL}/path today",
    "email": f"write to someone@{EVIL}",
    "mailto": f"mailto:someone@{EVIL}",
    "xmpp": f"xmpp:someone@{EVIL}",
    "ftp-url": f"ftp://{EVIL}/file",
    "javascript-url": "javascript:alert(1)",
    "data-url": "data:text/html,<script>alert(1)</script>",
    # markdown links and images
    "md-link-javascript": "[x](javascript:alert(1))",
    "md-link": f"[click here](https://{EVIL})",
    "md-link-title": f'[x](https://{EVIL} "title")',
    "md-image": f"![img](https://{EVIL}/a.png)",
    "md-reference-link": f"[x][1]\n\n[1]: https://{EVIL}",
    "md-autolink-angle": f"<https://{EVIL}>",
    "md-autolink-email-angle": f"<someone@{EVIL}>",
    # HTML
    "html-anchor": f'<a href="https://{EVIL}">a</a>',
    "html-script": "<script>alert(1)</script>",
    "html-img-onerror": "<img src=x onerror=alert(1)>",
    "html-svg-onload": "<svg onload=alert(1)>",
    "html-iframe": f"<iframe src=https://{EVIL}></iframe>",
    "html-bold": "<b>bold</b> <i>it</i> <br> <span style='color:red'>red</span>",
    "html-entities": "&lt;b&gt; &amp; &#60;script&#62; &copy; &#x41;",
    "html-comment": "<!-- hidden -->",
    # Streamlit's own markdown extensions
    "material-icon": ":material/home:",
    "material-icon-in-text": "before :material/rocket_launch: after",
    "emoji-shortcode": ":smile: :+1: :sunglasses:",
    "colour": ":red[red text]",
    "colour-background": ":blue-background[on blue]",
    "colour-rainbow": ":rainbow[rainbow]",
    "badge": ":green-badge[badge]",
    "small": ":small[small]",
    "latex-inline": "$x^2$",
    "latex-block": "$$\\int_0^1 f$$",
    "latex-parens": "\\(x\\) and \\[y\\]",
    "dollar-amounts": "costs $5 and $10",
    # plain markdown
    "bold": "**b** __b__",
    "italic": "*i* _i_",
    "strike": "~~s~~ ~t~",
    "code": "`c` ```fenced```",
    "heading": "# h",
    "heading-setext": "title\n===",
    "quote": "> q",
    "list": "- item\n* item\n+ item\n1. item",
    "table": "|t|u|\n|-|-|\n|1|2|",
    "hr": "***",
    "indented-code": "    four spaces make code",
    "footnote": "text[^1]\n\n[^1]: note",
    "task-list": "- [x] done",
    "directive": "::div[x]{#id}",
    "hard-break-backslash": "line\\\nbreak",
    # characters that change how text reads
    "bidi-override": "\u202eevil.example/moc.knab",
    "bidi-isolate": "a\u2066b\u2069c",
    "zero-width": "ze\u200bro\u200cwi\u200ddth",
    "backslashes": "C:\\path\\to\\file \\* \\\\",
    "newlines": "one\ntwo\n\nthree\r\nfour\rfive",
    "tabs": "\tindented\ttab",
    "unicode": "Café · naïve · 日本語 · 🙂",
    "percent-template": "%{x} %{customdata[0]} 100%",
    "very-long": "A" * 5000 + f" https://{EVIL}",
    "empty": "",
    "only-punctuation": "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
}

LINK_PAYLOADS = [k for k, v in PAYLOADS.items() if EVIL in v.lower() or "javascript:" in v]
