namespace Mailkit.Reports.Cli.Report;

/// <summary>The report's inline style sheet and its one small script, written into every report as they are.</summary>
internal static class ReportAssets
{
    public const string Style = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0}
        main{max-width:1180px;margin:0 auto;padding:1.5rem}
        h1{font-size:1.8rem;margin:0 0 .25rem}h2{font-size:1.3rem;border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
        .meta{color:#555;margin:0 0 1rem}.glance{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;list-style:none;padding:0}
        .glance li{background:#f4f4f4;padding:.4rem .7rem;border-radius:4px}
        nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem}nav a{color:#0055a5}
        figure{margin:1rem 0;overflow-x:auto}figcaption{margin-top:.3rem;font-style:italic;max-width:900px}
        svg.chart{max-width:100%;height:auto;font-size:12px}svg .label,svg .value,svg .legend{fill:#1a1a1a}
        svg .threshold{stroke:#000;stroke-width:1.5;stroke-dasharray:5 3}svg .threshold-label{font-size:11px}
        table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:13px}caption{text-align:left;font-weight:600;padding:.2rem 0}
        th,td{border:1px solid #ccc;padding:.2rem .45rem;vertical-align:top;text-align:left}th{background:#f0f0f0}
        th[data-sort]{cursor:pointer}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td.reply{max-width:28rem;word-break:break-word}
        .missing{color:#8a3b00;font-weight:600}
        @media print{nav{display:none}main{max-width:none;padding:0}section{break-inside:avoid-page}figure,table{break-inside:avoid}th{background:#eee}}
        """;

    // Sorts a table by the column whose heading is clicked; numbers by value. No < or & in it: the file stays well-formed XML.
    public const string Script = """
        document.querySelectorAll('table.sortable th').forEach(function (th) {
          th.setAttribute('data-sort', '');
          th.title = 'Sort by this column';
          th.addEventListener('click', function () {
            var table = th.closest('table'), body = table.tBodies[0], column = th.cellIndex;
            var ascending = th.getAttribute('data-sort') !== 'ascending';
            table.querySelectorAll('th').forEach(function (other) { other.setAttribute('data-sort', ''); });
            th.setAttribute('data-sort', ascending ? 'ascending' : 'descending');
            var value = function (row) {
              var text = row.cells[column].textContent.trim(), number = parseFloat(text.replace(/[,%+ ]/g, ''));
              return isNaN(number) ? text : number;
            };
            Array.from(body.rows).sort(function (a, b) {
              var x = value(a), y = value(b), order = typeof x === 'number' ? (typeof y === 'number' ? x - y : -1) : (typeof y === 'number' ? 1 : x.localeCompare(y));
              return ascending ? order : -order;
            }).forEach(function (row) { body.appendChild(row); });
          });
        });
        """;
}
