namespace Dateline.Publishing.Html;

/// <summary>The site's one stylesheet: readable type, a narrow column, and a layout that also fits a phone.</summary>
public static class SiteStylesheet
{
    public const string Css = """
        :root { color-scheme: light dark; --ink: #1d1d1f; --muted: #5f6368; --accent: #1f5fa8; --line: #d9d9de; --paper: #fff; }
        @media (prefers-color-scheme: dark) { :root { --ink: #e8e8ea; --muted: #a4a8ae; --accent: #8ab8f0; --line: #3a3a40; --paper: #16171a; } }
        * { box-sizing: border-box; }
        body { margin: 0; font: 17px/1.55 Georgia, "Times New Roman", serif; color: var(--ink); background: var(--paper); }
        header.site, main, footer.site { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
        header.site { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; justify-content: space-between; padding-top: .75rem; padding-bottom: .75rem; border-bottom: 1px solid var(--line); }
        .brand { font: 700 1.25rem/1 system-ui, sans-serif; text-decoration: none; color: var(--ink); }
        form.search { display: flex; gap: .25rem; flex: 1 1 16rem; max-width: 24rem; }
        form.search input, form.search button, form.filters input, form.filters button { font: inherit; font-size: .9rem; padding: .3rem .5rem; }
        form.search input { flex: 1; min-width: 0; }
        a { color: var(--accent); }
        h1 { font-size: 1.7rem; line-height: 1.25; margin: .5rem 0 1rem; }
        h2 { font: 600 1.05rem/1.3 system-ui, sans-serif; margin: 1.75rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
        .crumbs, .dateline, .stories, .context, .count, .pager, footer.site, time, .url, .hits { color: var(--muted); font-size: .9rem; font-family: system-ui, sans-serif; }
        .crumbs { margin-top: 1rem; }
        .pager { display: flex; justify-content: space-between; gap: 1rem; }
        .lead { display: flow-root; }
        .cover { float: right; margin: 0 0 .75rem 1rem; max-width: 45%; }
        .cover img { max-width: 100%; height: auto; border-radius: 4px; }
        ul.tags { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem; }
        ul.tags li { border: 1px solid var(--line); border-radius: 1rem; padding: .05rem .6rem; font-size: .9rem; }
        h3 { font: 600 .95rem/1.3 system-ui, sans-serif; margin: 1rem 0 .25rem; }
        .latest-day ul { margin-top: 0; }
        ul.timeline { list-style: none; padding: 0; }
        ul.timeline li { padding: .2rem 0; }
        li.story { font-style: italic; }
        li.story li { font-style: normal; }
        figure.chart { margin: 1rem 0; overflow-x: auto; }
        figure.chart svg { max-width: 100%; height: auto; }
        figure.chart figcaption { font-size: .8rem; color: var(--muted); }
        mark { background: #fde68a; color: #1d1d1f; }
        .hidden { position: absolute; left: -9999px; }
        .error { color: #b3261e; }
        form.filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; font-size: .9rem; font-family: system-ui, sans-serif; }
        form.filters label { display: flex; flex-direction: column; }
        @media (max-width: 36rem) { body { font-size: 16px; } .cover { float: none; max-width: 100%; margin: 0 0 .75rem; } h1 { font-size: 1.4rem; } }
        """;
}
