"""HTML ingest throughput: newsprism's HTML reader against trafilatura's own `extract`.

There is no HTML dataset in ../shared, so realistic news pages are built AT RUN TIME in a
temporary directory (never committed): each real article text of PolNeAR
(../shared/datasets/polnear/<split>/text/*.txt; first line the headline) is wrapped in a news
page template with a head full of meta tags (og:site_name, article:published_time, canonical
link, JSON-LD), navigation, a header, share buttons, related links, a newsletter box, a
footer and inline scripts.

Both sides read the same files from disk in the same run:
- newsprism: `read_sources([path])` -> Article (file read, kind detection, trafilatura's
  bare_extraction with metadata, cleaning, outlet and date resolution, id hashing);
- trafilatura: `trafilatura.extract(data, **EXTRACT_OPTIONS)` on the file's bytes, with the
  same options newsprism uses (metadata on, comments and tables off), so the ratio is what
  newsprism adds on top of trafilatura.
Rounds alternate the two sides; the best round of each is reported (machines are shared and
noisy). Prints one JSON line:
{"pages": N, "newsprism_pages_per_s": .., "trafilatura_pages_per_s": .., "ratio": ..}
where ratio = newsprism / trafilatura (1.0 = no overhead).
"""

from __future__ import annotations

import argparse
import html
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from shared_data import find_shared

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | {site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{lede}">
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<meta property="og:type" content="article">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{date}T09:{minute:02d}:00Z">
<meta name="author" content="{author}">
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="/static/site.{n}.css">
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}
gtag('js',new Date());gtag('config','G-{n}');</script>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"{title}","datePublished":"{date}T09:{minute:02d}:00Z",
"author":{{"@type":"Person","name":"{author}"}},"publisher":{{"@type":"Organization",
"name":"{site}"}}}}</script>
</head>
<body class="article-page">
<div id="consent" class="cookie-banner"><p>We use cookies to improve your experience on
our site. <a href="/privacy">Privacy policy</a></p><button>Accept all cookies</button></div>
<header class="masthead"><a class="logo" href="/">{site}</a>
<nav class="primary"><ul><li><a href="/politics">Politics</a></li><li><a href="/world">World
</a></li><li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li></ul></nav>
<form class="search" action="/search"><input name="q" placeholder="Search"></form></header>
<main><article class="story">
<p class="kicker"><a href="/politics">Politics</a></p>
<h1 class="headline">{title}</h1>
<p class="byline">By <a href="/by/{slug}">{author}</a> · <time datetime="{date}">{date}</time></p>
<ul class="share"><li><a href="https://www.facebook.com/sharer">Share on Facebook</a></li>
<li><a href="https://twitter.com/intent/tweet">Share on X</a></li><li><a href="mailto:">
Email</a></li></ul>
<div class="story-body">
{body}
</div>
<aside class="newsletter"><h3>Morning Briefing</h3><p>Sign up to our newsletter to get the
top stories straight to your inbox.</p><input type="email" placeholder="Enter your email">
</aside>
</article>
<section class="related"><h2>Related stories</h2><ul>{related}</ul></section>
</main>
<footer class="site-footer"><ul><li><a href="/about">About us</a></li><li><a href="/terms">
Terms of use</a></li><li><a href="/contact">Contact</a></li></ul>
<p>© 2016 {site}. All rights reserved.</p></footer>
<script>(function(){{var s=document.createElement('script');s.src='/static/ads.{n}.js';
document.body.appendChild(s);}})();</script>
</body>
</html>
"""

SITES = ("The Daily Ledger", "Metro Courier", "Northern Gazette", "The Evening Post")


def build_pages(texts: list[Path], out: Path, seed: int = 7) -> list[Path]:
    """Write one news page per article text into `out`; returns their paths."""
    rng = random.Random(seed)
    pages = []
    for n, source in enumerate(texts):
        lines = [ln.strip() for ln in source.read_text(encoding="utf-8").splitlines()]
        lines = [ln for ln in lines if ln]
        if len(lines) < 3:
            continue
        title, paragraphs = lines[0], lines[1:]
        # An ad slot and a teaser link inside the body, as real pages have.
        body_parts = [f"<p>{html.escape(p)}</p>" for p in paragraphs]
        body_parts.insert(
            min(3, len(body_parts)), '<div class="ad-slot"><p>Advertisement</p></div>'
        )
        body_parts.insert(
            min(6, len(body_parts)),
            "<p><strong>Read more:</strong> "
            '<a href="/politics/other">Another story from today</a></p>',
        )
        related = "".join(
            f'<li><a href="/politics/story-{rng.randrange(10**6)}">{html.escape(t)}</a></li>'
            for t in rng.sample(paragraphs, k=min(3, len(paragraphs)))
        )
        site = SITES[n % len(SITES)]
        slug = source.stem[:40]
        page = PAGE.format(
            title=html.escape(title, quote=True),
            lede=html.escape(paragraphs[0][:150], quote=True),
            site=site,
            url=f"https://www.{site.lower().replace(' ', '')}.com/politics/2016/{slug}",
            date=f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            minute=rng.randrange(60),
            author=rng.choice(("Jane Ortiz", "Sam Lee", "Priya Nair", "Tom Becker")),
            slug=slug,
            n=n,
            body="\n".join(body_parts),
            related=related,
        )
        path = out / f"{n:05d}.html"
        path.write_text(page, encoding="utf-8")
        pages.append(path)
    return pages


def _time_newsprism(pages: list[Path]) -> float:
    from newsprism.ingest import read_sources
    from newsprism.model import Article

    start = time.perf_counter()
    got = 0
    for path in pages:
        for item in read_sources([str(path)]):
            got += isinstance(item, Article)
    elapsed = time.perf_counter() - start
    if got < len(pages) * 0.95:
        print(f"warning: newsprism read only {got} of {len(pages)} pages", file=sys.stderr)
    return elapsed


def _time_trafilatura(pages: list[Path]) -> float:
    import trafilatura

    from newsprism.ingest.html import EXTRACT_OPTIONS

    start = time.perf_counter()
    for path in pages:
        trafilatura.extract(path.read_bytes(), **EXTRACT_OPTIONS)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="Folder of article .txt files (default: ../shared/datasets/polnear/train/text).",
    )
    parser.add_argument("--pages", type=int, default=300, help="Pages to build (default 300).")
    parser.add_argument("--rounds", type=int, default=2, help="Timed rounds per side.")
    args = parser.parse_args(argv)

    data = args.data
    if data is None:
        base = find_shared()
        data = base / "datasets" / "polnear" / "train" / "text" if base else None
    if data is None or not data.is_dir():
        print(f"article texts not found at {data}; give --data DIR", file=sys.stderr)
        return 2
    texts = sorted(data.glob("*.txt"))[: args.pages]

    with tempfile.TemporaryDirectory(prefix="newsprism-html-bench-") as tmp:
        pages = build_pages(texts, Path(tmp))
        # Warm up both (imports, lazy tables, lxml caches) outside the timing.
        _time_newsprism(pages[:5])
        _time_trafilatura(pages[:5])
        ours, theirs = [], []
        for _ in range(args.rounds):
            theirs.append(_time_trafilatura(pages))
            ours.append(_time_newsprism(pages))
    newsprism_rate = len(pages) / min(ours)
    trafilatura_rate = len(pages) / min(theirs)
    print(
        json.dumps(
            {
                "pages": len(pages),
                "newsprism_pages_per_s": round(newsprism_rate, 1),
                "trafilatura_pages_per_s": round(trafilatura_rate, 1),
                "ratio": round(newsprism_rate / trafilatura_rate, 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
