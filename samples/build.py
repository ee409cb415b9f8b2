"""The sample builder: report contents (``samples/content/``) rendered as real DOCX files with
python-docx, then as PDFs by LibreOffice, and one PDF rasterised into a scan.

What the documents look like is a :class:`samples.layouts.Layout`: the named layouts of
``samples/layouts.py`` are the committed samples', and ``random<N>`` is the layout the
randomiser draws from seed N. The form's wordings come from ``samples/forms.py``; the
renderer is ``samples/render_docx.py``; ``python -m samples.soak`` renders many random
layouts of every content and measures the parser against each content's expected model.

Run ``python samples/build.py`` (LibreOffice's ``soffice`` makes the PDFs; without it
only the DOCX files are rebuilt).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from samples.content import Content, content_names, keyboard_typed, load_content
from samples.layouts import LAYOUTS, Layout, random_layout
from samples.render_docx import render_docx

HERE = Path(__file__).resolve().parent

__all__ = ["COMMITTED", "LAYOUTS", "SCANNED", "Content", "Layout", "browser", "build", "build_pairs",
           "docx_to_browser_pdfs", "docx_to_pdf", "docx_to_pdfs", "keyboard_typed", "load_content", "random_layout",
           "render_docx", "resave_docx", "scan_pdf"]

# Scanned renderings: PDFs rasterised as a scanner would, committed as ``<stem>_scan.pdf``.
SCANNED = ("report_kk_stacked",)
SCAN_DPI = 200

# (content, layout) pairs whose files are committed under samples/.
COMMITTED = (
    ("kk", "stacked"), ("kk", "rows"), ("kk", "shuffled"), ("kk", "numbered"),
    ("ru", "stacked"), ("ru", "rows"),
    ("kktyped", "shuffled"), ("kktyped", "stacked"),
)


def docx_to_pdf(docx_path: Path, out_dir: Path) -> Path:
    """Convert one DOCX with LibreOffice."""
    return docx_to_pdfs([docx_path], out_dir)[0]


def _soffice_convert(docx_paths: list[Path], out_dir: Path, target: str) -> None:
    """One LibreOffice run (its start-up dominates) in a private profile, so parallel runs do
    not collide."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", target, "--outdir", str(out_dir), *map(str, docx_paths)],
            check=True, capture_output=True, timeout=600,
        )


def docx_to_pdfs(docx_paths: list[Path], out_dir: Path) -> list[Path]:
    """Convert DOCX files to PDF in one LibreOffice run."""
    _soffice_convert(docx_paths, out_dir, "pdf")
    return [out_dir / (p.stem + ".pdf") for p in docx_paths]


def resave_docx(docx_paths: list[Path], out_dir: Path) -> list[Path]:
    """The same DOCX files opened and saved again by LibreOffice (``out_dir`` must differ from
    theirs): another producer's grids, merges and properties — and two tables written back to
    back come back as one table, as LibreOffice saves them."""
    _soffice_convert(docx_paths, out_dir, "docx:MS Word 2007 XML")
    return [out_dir / (p.stem + ".docx") for p in docx_paths]


# Chromium prints the report as a browser would: the page turned for the wide tables, each as
# wide as the page and long links wrapped anywhere (LibreOffice writes fixed widths, and a
# table wider than the page loses its last columns off the edge), and a font
# with no Kazakh letters (Liberation Sans has no ә, ғ, қ, ң, ө, ұ, ү, һ, і), so the browser
# takes those from a fallback font in the middle of words.
BROWSER_STYLE = ("<style>@page { size: A4 landscape; margin: 1.5cm } "
                 "* { font-family: 'Liberation Sans' !important } "
                 "table { width: 100% !important } td { overflow-wrap: anywhere }</style>")


def _sane_column_widths(html: str) -> str:
    """LibreOffice's HTML export now and then writes a column wider than its whole table (two
    tables written back to back, saved as one): no editor a browser prints from does that, so
    such a column's width is left to the browser."""
    def table(match: re.Match[str]) -> str:
        width = int(match.group(1))
        return re.sub(r'<col width="(\d+)"/>',
                      lambda col: col.group(0) if int(col.group(1)) <= width else "<col/>", match.group(0))
    return re.sub(r'<table width="(\d+)".*?</table>', table, html, flags=re.S)


def browser() -> str | None:
    """The headless browser on this machine, if any."""
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def docx_to_browser_pdfs(docx_paths: list[Path], out_dir: Path) -> list[Path]:
    """The same DOCX files as a browser prints them: saved as HTML by LibreOffice (merged cells
    as ``rowspan``/``colspan``), then printed to PDF by headless Chromium (Skia: rules as thin
    filled rectangles, text in many runs, a fallback font for the Kazakh letters). ``out_dir``
    must differ from the DOCX files' own."""
    chromium = browser()
    if chromium is None:
        raise RuntimeError("Chromium is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        pages = Path(scratch)
        _soffice_convert(docx_paths, pages, "html")
        written = []
        for docx in docx_paths:
            html = pages / f"{docx.stem}.html"
            text = _sane_column_widths(html.read_text(encoding="utf-8"))
            html.write_text(text.replace("</head>", BROWSER_STYLE + "</head>", 1), encoding="utf-8")
            pdf = out_dir / f"{docx.stem}.pdf"
            with tempfile.TemporaryDirectory() as profile:
                subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", html.as_uri()],
                               check=True, capture_output=True, timeout=300)
            written.append(pdf)
    return written


def layout_named(name: str) -> Layout:
    """A named layout, or ``random<N>``: the layout the randomiser draws from seed N."""
    if name.startswith("random") and name[6:].isdigit():
        from samples.forms import family_sizes

        return random_layout(int(name[6:]), family_sizes("kk") | family_sizes("ru"))
    return LAYOUTS[name]


def build(out_dir: Path, layouts: list[str], pdf: bool = True, content_name: str = "kk") -> list[Path]:
    """Build every requested layout of one content into ``out_dir``; returns the files written."""
    return build_pairs(out_dir, [(content_name, layout) for layout in layouts], pdf=pdf)


def build_pairs(out_dir: Path, pairs: list[tuple[str, str]], pdf: bool = True) -> list[Path]:
    """Render (content, layout) pairs as DOCX, then all PDFs in one LibreOffice run."""
    out_dir.mkdir(parents=True, exist_ok=True)
    docx_paths = []
    for content_name, layout in pairs:
        path = out_dir / f"report_{content_name}_{layout}.docx"
        render_docx(load_content(content_name), layout_named(layout), path)
        docx_paths.append(path)
    written: list[Path] = list(docx_paths)
    if pdf:
        written += docx_to_pdfs(docx_paths, out_dir)
    return written


def _stamp(image: Any, dpi: int) -> Any:
    """A round blue seal with text, pressed over the lower half of the page, as on a signed
    page: ink of another colour lying over the text and the table."""
    from PIL import ImageDraw

    image = image.convert("RGB")
    draw = ImageDraw.Draw(image)
    radius = int(0.8 * dpi)
    cx, cy = image.width // 3, int(image.height * 0.62)
    ink = (40, 60, 190)
    for width in range(0, 10, 3):
        draw.ellipse((cx - radius + width, cy - radius + width, cx + radius - width, cy + radius - width),
                     outline=ink, width=2)
    draw.ellipse((cx - radius // 2, cy - radius // 2, cx + radius // 2, cy + radius // 2), outline=ink, width=3)
    draw.text((cx - radius // 2, cy - 10), "«РУХТАН» ҚОҒАМДЫҚ ҚОРЫ", fill=ink)
    draw.line((cx - radius, cy + radius // 3, cx + 2 * radius, cy - radius // 4), fill=ink, width=4)  # a signature
    return image


def scan_pdf(pdf_path: Path, out_path: Path, dpi: int = SCAN_DPI, skew_degrees: float = 0.0,
             noise: float = 0.0, seed: int = 0, sealed_pages: frozenset[int] = frozenset()) -> Path:
    """An image-only PDF of ``pdf_path``, as a scanner makes one: every page rasterised at
    ``dpi`` in grey, no text layer; optionally turned a little, speckled with noise, and with
    a blue seal and signature on the given pages (0-based; those pages are in colour)."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rng = np.random.default_rng(seed)
    pages = []
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        for index in range(len(document)):
            image = document[index].render(scale=dpi / 72).to_pil()
            image = _stamp(image, dpi) if index in sealed_pages else image.convert("L")
            if skew_degrees:
                image = image.rotate(skew_degrees, resample=Image.Resampling.BICUBIC,
                                     fillcolor=255 if image.mode == "L" else (255, 255, 255))
            if noise:
                pixels = np.asarray(image, dtype=np.float64) + rng.normal(0, noise, np.asarray(image).shape)
                image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
            pages.append(image)
    finally:
        document.close()
    pages[0].save(out_path, save_all=True, append_images=pages[1:], resolution=float(dpi), quality=60)
    return out_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--layout", action="append", help=f"one of {sorted(LAYOUTS)} or random<N>")
    parser.add_argument("--content", default=None, choices=[*content_names(), "kktyped"])
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args(argv)
    if args.layout or args.content:
        pairs = [(args.content or "kk", layout) for layout in args.layout or ["stacked"]]
    else:
        pairs = list(COMMITTED)
    for path in build_pairs(args.out, pairs, pdf=not args.no_pdf):
        print(path)
    if not args.no_pdf and not (args.layout or args.content):
        for stem in SCANNED:
            print(scan_pdf(args.out / f"{stem}.pdf", args.out / f"{stem}_scan.pdf"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
