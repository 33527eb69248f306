"""The HTML pages of a report suite: each executed notebook as an offline page, and the suite's index.

Used by :mod:`cchc_data.report`; nothing here runs notebooks.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import quote

__all__ = ["external_references", "notebook_to_html", "index_html"]

_EXTERNAL_RE = re.compile(
    r"<(?:script|link|img|iframe|embed|source)\b[^>]*?\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//[^\"'\s>]*"
    r"|@import\s+(?:url\()?[\"']?\s*(?:https?:)?//[^\"')\s]*"
    r"|\bimport\(\s*[\"'](?:https?:)?//[^\"']*",
    re.IGNORECASE,
)


def _show(value) -> str:
    if isinstance(value, list | tuple):
        return ",".join(_show(v) for v in value) if value else "all"
    return str(value)


def _offline_template() -> str:
    return (
        "{%- extends 'index.html.j2' -%}\n"
        "{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}\n"
        "{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}\n"
        "{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}\n"
        "{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}\n"
    )


def external_references(text: str) -> list[str]:
    """Script, link, image or CSS import sources in ``text`` that point to another host (``http(s)://``, ``//``).

    Examples
    --------
    >>> external_references('<script src="https://cdn.example/r.js"></script><a href="https://x.org">x</a>')
    ['<script src="https://cdn.example/r.js']
    """
    return [m.group(0) for m in _EXTERNAL_RE.finditer(text)]


def notebook_to_html(notebook, html_path, *, lang: str | None = None, title: str | None = None) -> Path:
    """Render an executed notebook as one self-contained, offline HTML file.

    Outputs only: input cells and prompts are hidden, papermill's ``injected-parameters`` cell is dropped,
    images are embedded (base64), and require.js, MathJax, mermaid and widget scripts (normally loaded from
    a CDN) are left out, so the page works without a network. LaTeX in markdown is therefore shown as
    source. Raises ``RuntimeError`` if the page would still reference another host.
    """
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    notebook = Path(notebook)
    nb = nbformat.read(notebook, as_version=4)
    nb.cells = [c for c in nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"cchc_offline.html.j2": _offline_template()})],
        template_file="cchc_offline.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        language_code=lang if lang in ("vi", "en") else "en",
    )
    resources = {"metadata": {"name": title or notebook.stem, "path": str(notebook.parent)}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    external = external_references(body)
    if external:
        raise RuntimeError(f"{notebook.name}: the HTML would load {external[0]!r} from the network")
    html_path = Path(html_path)
    html_path.write_text(body, encoding="utf-8")
    return html_path


def index_html(manifest: dict) -> str:
    """The suite's ``index.html``: every run with its parameters, status, duration and links (vi/en)."""
    esc = html.escape
    rows = []
    for r in manifest["runs"]:
        stem = Path(r["notebook"]).stem
        base = f"{r['folder']}/{stem}"
        have = set(r["files"])
        links = []
        if f"{base}.html" in have:
            links.append(f'<a href="{quote(base, safe="/=,+")}.html">HTML</a>')
        if f"{base}.ipynb" in have:
            word = "notebook" if r["status"] == "ok" else "partial notebook / notebook dở dang"
            links.append(f'<a href="{quote(base, safe="/=,+")}.ipynb">{word}</a>')
        if any(f.startswith(f"{r['folder']}/figures/") for f in have):
            links.append(f'<a href="{quote(r["folder"], safe="/=,+")}/figures/">figures</a>')
        params = "<br>".join(f"<code>{esc(k)}</code> = {esc(_show(v))}" for k, v in r["parameters"].items()) or "—"
        ok = r["status"] == "ok"
        status = "ok" if ok else f"FAILED (lỗi){'<br><small>' + esc(r['error']) + '</small>' if r['error'] else ''}"
        rows.append(
            f'<tr class="{"ok" if ok else "failed"}"><td>{esc(stem)}</td><td>{params}</td>'
            f'<td class="status">{status}</td><td class="num">{r["duration_s"]:.1f} s</td>'
            f"<td>{' · '.join(links) or '—'}</td></tr>"
        )
    failed = sum(1 for r in manifest["runs"] if r["status"] != "ok")
    verdict = (
        "Tất cả báo cáo đã tạo thành công / All reports built"
        if not failed
        else f"{failed} báo cáo lỗi, bộ báo cáo không được công bố / {failed} report(s) FAILED — this suite was not published"
    )
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Báo cáo cải cách hành chính (CCHC) / Administrative reform (CCHC) reports</title>
<style>
body {{ font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; margin: 2rem; color: #222; }}
h1 {{ font-size: 1.5rem; margin-bottom: 0.2rem; }}
h1 + p {{ margin-top: 0; color: #555; font-size: 1.15rem; }}
table {{ border-collapse: collapse; margin-top: 1rem; }}
th, td {{ border: 1px solid #ccc; padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }}
th {{ background: #f2f2f2; }}
td.num {{ text-align: right; white-space: nowrap; }}
tr.failed td.status {{ color: #b00020; font-weight: bold; }}
tr.ok td.status {{ color: #1b5e20; }}
.meta {{ color: #555; font-size: 0.9rem; }}
</style>
</head>
<body>
<h1>Báo cáo cải cách hành chính (CCHC) cấp tỉnh</h1>
<p>Provincial administrative reform (CCHC) reports</p>
<p><strong>{esc(verdict)}</strong></p>
<p class="meta">Bắt đầu / started {esc(manifest["started"])} · kết thúc / finished {esc(manifest["finished"])}
· {manifest["duration_s"]:.1f} s · {manifest["jobs"]} jobs · cchc_data {esc(manifest["package_version"])}
· dữ liệu / data {esc(manifest["data_version"])} (<code>{esc(manifest["data_checksum"][:19])}…</code>)
· <a href="manifest.json">manifest.json</a></p>
<table>
<thead><tr><th>Notebook</th><th>Tham số / Parameters</th><th>Trạng thái / Status</th>
<th>Thời gian / Duration</th><th>Báo cáo / Report</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</body>
</html>
"""
