// Loads pages of the built documentation site in headless Chromium, served from a local static server on loopback,
// and fails unless each one loads, raises no JavaScript error, logs no error (a script, style or font that failed to
// load counts), shows its main heading, and renders every code block with a language and without a sideways scroll.
// Optionally the header must show the project's logo and links, the page must show given section headings, and every
// chart must have marks and a text alternative (for a report written by `mailkit-bounces report`). Chromium is driven
// over the DevTools protocol on a loopback port.
//
// Chromium never runs as root: run the checker as a user, or as root with --browser-user, and the browser runs as that
// user (with runuser), in a throwaway profile that is also its home. Its sandbox is on unless --no-sandbox is given,
// for a machine where that user cannot create the namespaces the sandbox needs.
//
// Usage: dotnet run .ci/check-site.cs -- SITE_DIR [--browser-user USER] [--no-sandbox] [--screenshots DIR] [--logo PATH]
//          [--header-link URL]... [--expect-heading TEXT]... [--charts] PAGE...
//   PAGE is a path under the site, for example / or /articles/getting-started.html.
//   --browser-user: the user Chromium runs as (needed when the checker runs as root).
//   --no-sandbox: start Chromium without its sandbox (never as root).
//   --logo: the header's logo image must load from this path under the site (not the template's default).
//   --header-link: the header must link to this URL once the page's scripts have built the navigation.
//   --expect-heading: the page must have an h2 with exactly this text.
//   --charts: every <svg> must have a text alternative (aria-label or <title>) and at least one mark: a shape of
//     non-zero size outside <defs>, other than a legend swatch (class swatch) or a reference line (class threshold).
//   The browser is `chromium` on the PATH, or the one CHROMIUM names.
#:sdk Microsoft.NET.Sdk.Web
#:property PublishAot=false
#:property NoWarn=$(NoWarn);CA2007

using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.FileProviders;

var arguments = new Queue<string>(args);
var site = Path.GetFullPath(arguments.Count > 0 ? arguments.Dequeue() : throw new ArgumentException("usage: check-site SITE_DIR [--browser-user USER] [--no-sandbox] [--screenshots DIR] [--logo PATH] [--header-link URL]... PAGE..."));
string? browserUser = null;
var sandbox = true;
string? screenshots = null;
string? logo = null;
var headerLinks = new List<string>();
var headings = new List<string>();
var charts = false;
var pages = new List<string>();
while (arguments.Count > 0)
{
    var argument = arguments.Dequeue();
    switch (argument)
    {
        case "--browser-user":
            browserUser = arguments.Dequeue();
            break;
        case "--no-sandbox":
            sandbox = false;
            break;
        case "--screenshots":
            screenshots = Path.GetFullPath(arguments.Dequeue());
            Directory.CreateDirectory(screenshots);
            break;
        case "--logo":
            logo = "/" + arguments.Dequeue().TrimStart('/');
            break;
        case "--header-link":
            headerLinks.Add(arguments.Dequeue());
            break;
        case "--expect-heading":
            headings.Add(arguments.Dequeue());
            break;
        case "--charts":
            charts = true;
            break;
        default:
            pages.Add(argument);
            break;
    }
}

var expected = new Expectations(logo, headerLinks, headings, charts);

if (!Directory.Exists(site) || pages.Count == 0)
{
    Console.Error.WriteLine($"site check: no site at {site}, or no pages named");
    return 2;
}

// The static server: the built site as it is, on a free loopback port.
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:0");
var app = builder.Build();
var files = new PhysicalFileProvider(site);
app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
app.UseStaticFiles(new StaticFileOptions { FileProvider = files, ServeUnknownFileTypes = true });
await app.StartAsync();
var origin = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
Console.WriteLine($"site check: serving {site} at {origin}");

var runningAsRoot = Environment.UserName == "root";
if (runningAsRoot && browserUser is null)
{
    Console.Error.WriteLine("site check: Chromium does not run as root: name the user it runs as with --browser-user");
    await app.StopAsync();
    return 2;
}

if (browserUser is not null && !runningAsRoot)
{
    Console.Error.WriteLine("site check: --browser-user needs root (it starts Chromium with runuser)");
    await app.StopAsync();
    return 2;
}

// The profile is the browser's only writable folder and its home, owned by the user it runs as.
var profile = browserUser is null ? Directory.CreateTempSubdirectory("site-check-") : await CreateProfileAsAsync(browserUser);
var chromium = Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } named ? named : "chromium";
var start = new ProcessStartInfo(browserUser is null ? "env" : "runuser")
{
    RedirectStandardError = true,
    RedirectStandardOutput = true,
};
if (browserUser is not null)
{
    foreach (var argument in new[] { "-u", browserUser, "--", "env" })
    {
        start.ArgumentList.Add(argument);
    }
}

foreach (var argument in new[]
{
    $"HOME={profile.FullName}", chromium,
    "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
    "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile.FullName}",
    "--window-size=1280,900",
})
{
    start.ArgumentList.Add(argument);
}

if (!sandbox)
{
    start.ArgumentList.Add("--no-sandbox");
}

start.ArgumentList.Add("about:blank");
Console.WriteLine($"site check: Chromium runs as {browserUser ?? Environment.UserName}, {(sandbox ? "sandboxed" : "without its sandbox")}");
using var browser = Process.Start(start) ?? throw new InvalidOperationException($"could not start {chromium}");
browser.ErrorDataReceived += (_, _) => { };
browser.OutputDataReceived += (_, _) => { };
browser.BeginErrorReadLine();
browser.BeginOutputReadLine();

var failures = new List<string>();
try
{
    using var overall = new CancellationTokenSource(TimeSpan.FromMinutes(3));
    var endpoint = await DevToolsEndpointAsync(profile.FullName, browser, overall.Token);
    await using var devTools = await DevTools.ConnectAsync(endpoint, overall.Token);

    foreach (var page in pages)
    {
        var url = origin + (page.StartsWith('/') ? page : "/" + page);
        var problems = await CheckPageAsync(devTools, url, expected, screenshots, overall.Token);
        foreach (var problem in problems)
        {
            failures.Add($"{page}: {problem}");
        }

        Console.WriteLine(problems.Count == 0 ? $"site check: {page} loaded, main heading present, no errors" : $"site check: {page} has {problems.Count} problem(s)");
    }
}
catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or InvalidOperationException)
{
    failures.Add($"the browser could not be driven: {ex.Message}");
}
finally
{
    if (!browser.HasExited)
    {
        browser.Kill(entireProcessTree: true);
        await browser.WaitForExitAsync();
    }

    await app.StopAsync();
    try
    {
        profile.Delete(recursive: true);
    }
    catch (IOException)
    {
        // A profile file the browser still held; the folder is temporary anyway.
    }
}

foreach (var failure in failures)
{
    Console.Error.WriteLine($"site check: {failure}");
}

Console.WriteLine(failures.Count == 0 ? $"site check: all {pages.Count} pages pass" : $"site check: {failures.Count} problem(s)");
return failures.Count == 0 ? 0 : 1;

// A new temporary folder that only the user owns, made by that user.
static async Task<DirectoryInfo> CreateProfileAsAsync(string user)
{
    using var mktemp = Process.Start(new ProcessStartInfo("runuser")
    {
        ArgumentList = { "-u", user, "--", "mktemp", "-d", Path.Combine(Path.GetTempPath(), "site-check-XXXXXX") },
        RedirectStandardOutput = true,
    }) ?? throw new InvalidOperationException("could not start runuser");
    var path = (await mktemp.StandardOutput.ReadToEndAsync()).Trim();
    await mktemp.WaitForExitAsync();
    return mktemp.ExitCode == 0 && Directory.Exists(path)
        ? new DirectoryInfo(path)
        : throw new InvalidOperationException($"could not make a profile folder as {user} (runuser exited with {mktemp.ExitCode})");
}

// Chromium writes the port it chose, and the browser's WebSocket path, to DevToolsActivePort in its profile.
static async Task<Uri> DevToolsEndpointAsync(string profile, Process browser, CancellationToken cancellationToken)
{
    var file = Path.Combine(profile, "DevToolsActivePort");
    while (true)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (browser.HasExited)
        {
            throw new InvalidOperationException($"the browser exited with code {browser.ExitCode} before it opened its DevTools port");
        }

        if (File.Exists(file) && (await File.ReadAllLinesAsync(file, cancellationToken)) is [var port, var path, ..] && port.Length > 0)
        {
            return new Uri($"ws://127.0.0.1:{port}{path}");
        }

        await Task.Delay(100, cancellationToken);
    }
}

static async Task<List<string>> CheckPageAsync(DevTools devTools, string url, Expectations expected, string? screenshots, CancellationToken cancellationToken)
{
    var problems = new List<string>();
    var target = await devTools.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, cancellationToken);
    var targetId = target["targetId"]!.GetValue<string>();
    var attached = await devTools.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = targetId, ["flatten"] = true }, null, cancellationToken);
    var session = attached["sessionId"]!.GetValue<string>();
    devTools.Watch(session, (method, parameters) =>
    {
        lock (problems)
        {
            Record(method, parameters);
        }
    });

    void Record(string method, JsonNode parameters)
    {
        switch (method)
        {
            case "Runtime.exceptionThrown":
                var details = parameters["exceptionDetails"];
                problems.Add($"JavaScript error: {details?["exception"]?["description"] ?? details?["text"]}");
                break;
            case "Runtime.consoleAPICalled" when parameters["type"]?.GetValue<string>() == "error":
                problems.Add($"console error: {string.Join(' ', parameters["args"]!.AsArray().Select(a => a?["value"]?.ToString() ?? a?["description"]?.ToString()))}");
                break;
            case "Log.entryAdded" when parameters["entry"] is { } entry && entry["level"]?.GetValue<string>() == "error":
                problems.Add($"error logged: {entry["text"]} {entry["url"]}");
                break;
        }
    }

    var loaded = devTools.WaitFor(session, "Page.loadEventFired");
    await devTools.SendAsync("Page.enable", [], session, cancellationToken);
    await devTools.SendAsync("Runtime.enable", [], session, cancellationToken);
    await devTools.SendAsync("Log.enable", [], session, cancellationToken);
    var navigation = await devTools.SendAsync("Page.navigate", new JsonObject { ["url"] = url }, session, cancellationToken);
    if (navigation["errorText"]?.GetValue<string>() is { Length: > 0 } navigationError)
    {
        problems.Add($"did not load: {navigationError}");
        return problems;
    }

    await loaded.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);

    // The site's scripts render the navigation and the table of contents after the load event; give them time to
    // fail before the page is judged.
    var heading = "";
    for (var attempt = 0; attempt < 20 && heading.Length == 0; attempt++)
    {
        await Task.Delay(250, cancellationToken);
        var result = await devTools.SendAsync(
            "Runtime.evaluate",
            new JsonObject { ["expression"] = "(document.querySelector('main article h1') || document.querySelector('main h1'))?.textContent.trim() ?? ''", ["returnByValue"] = true },
            session,
            cancellationToken);
        heading = result["result"]?["value"]?.GetValue<string>() ?? "";
    }

    await Task.Delay(1_000, cancellationToken);
    if (heading.Length == 0)
    {
        problems.Add("no main heading (an h1 inside <main>)");
    }
    else
    {
        Console.WriteLine($"site check: {url} main heading \"{heading}\"");
    }

    // The navigation is built from toc.json by the site's scripts; wait for the links it should hold.
    JsonNode looks = new JsonObject();
    for (var attempt = 0; attempt < 20; attempt++)
    {
        var result = await devTools.SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = Looks.Script, ["returnByValue"] = true }, session, cancellationToken);
        looks = result["result"]?["value"] ?? new JsonObject();
        var present = looks["headerLinks"]?.AsArray().Select(link => link?.GetValue<string>()).ToHashSet() ?? [];
        if (expected.HeaderLinks.All(present.Contains))
        {
            break;
        }

        await Task.Delay(250, cancellationToken);
    }

    problems.AddRange(Looks.Judge(looks, expected));
    if (expected.Charts)
    {
        Console.WriteLine($"site check: {url} charts: {looks["charts"]}, headings: {looks["headings"]?.AsArray().Count ?? 0}");
    }

    Console.WriteLine($"site check: {url} code: {looks["blocks"]} blocks, {looks["lines"]} lines, {looks["wideLines"]} wider than the column of {looks["columns"]} characters (wrapped or scrolled)");

    if (screenshots is not null)
    {
        var shot = await devTools.SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" }, session, cancellationToken);
        var name = new Uri(url).AbsolutePath.Trim('/').Replace('/', '_') is { Length: > 0 } path ? path : "index";
        await File.WriteAllBytesAsync(Path.Combine(screenshots, name + ".png"), Convert.FromBase64String(shot["data"]!.GetValue<string>()), cancellationToken);
    }

    devTools.Unwatch(session);
    await devTools.SendAsync("Target.closeTarget", new JsonObject { ["targetId"] = targetId }, null, cancellationToken);
    lock (problems)
    {
        return [.. problems];
    }
}

/// <summary>
/// What a page shows: its code blocks (language, sideways scroll, lines wider than the column, measured with the
/// block's own font) and its header (the logo image and the links), and the problems in that.
/// </summary>
internal static class Looks
{
    public const string Script = """
        (() => {
          const first = e => e.textContent.trim().split('\n')[0].slice(0, 70);
          const codes = [...document.querySelectorAll('pre code')];
          const untagged = codes.filter(c => ![...c.classList].some(k => k.startsWith('lang-'))).map(first);
          const scrolling = [...document.querySelectorAll('pre')]
            .filter(p => [p, ...p.querySelectorAll(':scope > code')].some(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1))
            .map(first);
          const context = document.createElement('canvas').getContext('2d');
          let lines = 0, wideLines = 0, columns = null;
          for (const code of codes) {
            const box = getComputedStyle(code).display === 'inline' ? code.parentElement : code;
            const style = getComputedStyle(box);
            const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            const font = getComputedStyle(code);
            context.font = `${font.fontStyle} ${font.fontWeight} ${font.fontSize} ${font.fontFamily}`;
            if (room > 0) columns = Math.min(columns ?? Infinity, Math.floor(room / context.measureText('m').width));
            for (const line of code.textContent.replace(/\n$/, '').split('\n')) {
              lines++;
              if (room > 0 && context.measureText(line).width > room + 0.5) wideLines++;
            }
          }
          const logo = document.querySelector('header .navbar-brand img, header img#logo');
          const shapes = 'rect,path,circle,ellipse,line,polyline,polygon';
          const marked = svg => [...svg.querySelectorAll(shapes)]
            .filter(e => !e.closest('defs') && !e.classList.contains('swatch') && !e.classList.contains('threshold'))
            .some(e => { const box = e.getBBox(); return box.width > 0 && box.height > 0; });
          const named = svg => (svg.getAttribute('aria-label') || '').trim().length > 0 || (svg.querySelector(':scope > title')?.textContent.trim().length ?? 0) > 0;
          const svgs = [...document.querySelectorAll('svg')];
          const chartName = (svg, i) => svg.id || svg.getAttribute('aria-label') || `svg #${i + 1}`;
          return {
            blocks: codes.length, untagged, scrolling, lines, wideLines, columns,
            logo: logo ? { src: logo.src, loaded: logo.complete && logo.naturalWidth > 0 } : null,
            headerLinks: [...document.querySelectorAll('header a[href]')].map(a => a.href),
            headings: [...document.querySelectorAll('h2')].map(h => h.textContent.trim()),
            charts: svgs.length,
            emptyCharts: svgs.map((svg, i) => marked(svg) ? null : chartName(svg, i)).filter(n => n !== null),
            unnamedCharts: svgs.map((svg, i) => named(svg) ? null : chartName(svg, i)).filter(n => n !== null),
          };
        })()
        """;

    public static IEnumerable<string> Judge(JsonNode looks, Expectations expected)
    {
        foreach (var block in looks["untagged"]?.AsArray() ?? [])
        {
            yield return $"a code block has no language, so the highlighter guesses one: \"{block}\"";
        }

        foreach (var block in looks["scrolling"]?.AsArray() ?? [])
        {
            yield return $"a code block scrolls sideways: \"{block}\"";
        }

        if (expected.Logo is { } logo)
        {
            var shown = looks["logo"];
            var source = shown?["src"]?.GetValue<string>();
            if (source is null)
            {
                yield return "the header has no logo image";
            }
            else if (new Uri(source).AbsolutePath != logo)
            {
                yield return $"the header's logo is {new Uri(source).AbsolutePath}, not {logo}";
            }
            else if (shown?["loaded"]?.GetValue<bool>() != true)
            {
                yield return $"the header's logo {logo} did not load";
            }
        }

        var links = looks["headerLinks"]?.AsArray().Select(link => link?.GetValue<string>()).ToHashSet() ?? [];
        foreach (var link in expected.HeaderLinks.Where(link => !links.Contains(link)))
        {
            yield return $"the header has no link to {link}";
        }

        var headings = looks["headings"]?.AsArray().Select(heading => heading?.GetValue<string>()).ToHashSet() ?? [];
        foreach (var heading in expected.Headings.Where(heading => !headings.Contains(heading)))
        {
            yield return $"no heading \"{heading}\" (an h2)";
        }

        if (expected.Charts)
        {
            foreach (var chart in looks["emptyCharts"]?.AsArray() ?? [])
            {
                yield return $"an empty chart (an <svg> with no marks): {chart}";
            }

            foreach (var chart in looks["unnamedCharts"]?.AsArray() ?? [])
            {
                yield return $"a chart without a text alternative (aria-label or <title>): {chart}";
            }
        }
    }
}

/// <summary>What every page's header must show, the headings it must have, and whether its charts are checked, from the command line.</summary>
internal sealed record Expectations(string? Logo, IReadOnlyList<string> HeaderLinks, IReadOnlyList<string> Headings, bool Charts);

/// <summary>A minimal DevTools protocol client: commands with replies, and events routed by session.</summary>
internal sealed class DevTools : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Dictionary<int, TaskCompletionSource<JsonNode>> _pending = [];
    private readonly Dictionary<string, Action<string, JsonNode>> _watchers = [];
    private readonly List<(string Session, string Method, TaskCompletionSource Done)> _waits = [];
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private int _nextId;

    private DevTools(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadAsync);
    }

    public static async Task<DevTools> ConnectAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = Timeout.InfiniteTimeSpan;
        await socket.ConnectAsync(endpoint, cancellationToken);
        return new DevTools(socket);
    }

    public void Watch(string session, Action<string, JsonNode> onEvent)
    {
        lock (_watchers)
        {
            _watchers[session] = onEvent;
        }
    }

    public void Unwatch(string session)
    {
        lock (_watchers)
        {
            _watchers.Remove(session);
        }
    }

    public Task WaitFor(string session, string method)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waits)
        {
            _waits.Add((session, method, done));
        }

        return done.Task;
    }

    public async Task<JsonNode> SendAsync(string method, JsonObject parameters, string? session, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending)
        {
            _pending[id] = reply;
        }

        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session is not null)
        {
            message["sessionId"] = session;
        }

        await _send.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _send.Release();
        }

        return await reply.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The browser went first.
        }

        try
        {
            await _reader;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        _socket.Dispose();
        _stop.Dispose();
        _send.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (_socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult received;
            try
            {
                received = await _socket.ReceiveAsync(buffer, _stop.Token);
            }
            catch (WebSocketException)
            {
                return;
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage)
            {
                continue;
            }

            var node = JsonNode.Parse(message.ToArray())!;
            message.SetLength(0);
            Dispatch(node);
        }
    }

    private void Dispatch(JsonNode node)
    {
        if (node["id"] is { } idNode)
        {
            TaskCompletionSource<JsonNode>? reply;
            lock (_pending)
            {
                _pending.Remove(idNode.GetValue<int>(), out reply);
            }

            if (node["error"] is { } error)
            {
                reply?.TrySetException(new InvalidOperationException($"DevTools error: {error.ToJsonString()}"));
            }
            else
            {
                reply?.TrySetResult(node["result"] ?? new JsonObject());
            }

            return;
        }

        var method = node["method"]?.GetValue<string>() ?? "";
        var session = node["sessionId"]?.GetValue<string>() ?? "";
        var parameters = node["params"] ?? new JsonObject();
        Action<string, JsonNode>? watcher;
        lock (_watchers)
        {
            _watchers.TryGetValue(session, out watcher);
        }

        watcher?.Invoke(method, parameters);
        lock (_waits)
        {
            foreach (var wait in _waits.Where(w => w.Session == session && w.Method == method).ToList())
            {
                wait.Done.TrySetResult();
                _waits.Remove(wait);
            }
        }
    }
}
