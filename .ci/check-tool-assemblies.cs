// Checks what the export tool's package bundles against .ci/allowed-tool-assemblies.txt. A tool package carries its
// dependencies inside it (tools/net10.0/any), so a consumer's restore never shows them: this lists every binary there
// (managed assemblies, their satellite resources, and native libraries under runtimes/), finds the package each came
// from in the tool's deps.json, and fails unless the set of "file package major" lines is exactly the allowed one. A new
// binary, a new package, a change of major version (either way) or a binary no package claims fails; so does an
// allowed line nothing bundles any more, so that the list stays the tool's true contents. For a 0.x package the minor
// version counts as the major one. The runtime folder and the culture folder are written as *, so one native library
// for another platform, or another translation, is not a new line.
//
// Each managed assembly's own identity is read from the file and must match its name and the assembly version the
// deps.json records for it. The assemblies built from this repository (mailkit-bounces, Mailkit.Reports*) are not
// listed: they are what is under review.
//
// Out of scope by design: what runs only in the build (analyzers, SourceLink), which never ships in a package.
//
// Usage: dotnet run .ci/check-tool-assemblies.cs -- TOOL.nupkg ALLOWED_LIST
using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Text.RegularExpressions;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: check-tool-assemblies TOOL.nupkg ALLOWED_LIST");
    return 2;
}

var problems = new List<string>();
using var nupkg = ZipFile.OpenRead(args[0]);
var depsEntry = nupkg.Entries.SingleOrDefault(e => Regex.IsMatch(e.FullName, @"^tools/[^/]+/any/[^/]+\.deps\.json$"));
if (depsEntry is null)
{
    Console.Error.WriteLine($"tool check: {args[0]} has no tools/<framework>/any/*.deps.json");
    return 1;
}

var toolFolder = depsEntry.FullName[..(depsEntry.FullName.LastIndexOf('/') + 1)];

// Which library each file of the tool folder comes from, by its path in that folder, from the deps.json.
var owners = new Dictionary<string, Library>(StringComparer.Ordinal);
using (var deps = JsonDocument.Parse(depsEntry.Open()))
{
    var libraries = deps.RootElement.GetProperty("libraries");
    foreach (var target in deps.RootElement.GetProperty("targets").EnumerateObject())
    {
        foreach (var library in target.Value.EnumerateObject())
        {
            var separator = library.Name.LastIndexOf('/');
            var owner = new Library(
                library.Name[..separator],
                library.Name[(separator + 1)..],
                libraries.GetProperty(library.Name).GetProperty("type").GetString() == "package");
            foreach (var group in library.Value.EnumerateObject())
            {
                if (group.Name is not ("runtime" or "native" or "resources" or "runtimeTargets"))
                {
                    continue;
                }

                foreach (var asset in group.Value.EnumerateObject())
                {
                    // Runtime and native assets are copied flat, resources into their culture's folder, and
                    // runtime-specific assets keep their runtimes/<rid>/... path.
                    var path = group.Name switch
                    {
                        "runtimeTargets" => asset.Name,
                        "resources" => $"{asset.Value.GetProperty("locale").GetString()}/{Path.GetFileName(asset.Name)}",
                        _ => Path.GetFileName(asset.Name),
                    };
                    var assemblyVersion = asset.Value.TryGetProperty("assemblyVersion", out var version) ? version.GetString() : null;
                    owners[path] = owner with { AssemblyVersion = assemblyVersion };
                }
            }
        }
    }
}

var bundled = new SortedSet<string>(StringComparer.Ordinal);
foreach (var entry in nupkg.Entries.Where(e => e.FullName.StartsWith(toolFolder, StringComparison.Ordinal) && e.Length > 0))
{
    var path = entry.FullName[toolFolder.Length..];
    if (IsNotCode(path))
    {
        continue;
    }

    if (!owners.TryGetValue(path, out var owner))
    {
        problems.Add($"{path} is bundled, but no library in the tool's deps.json brings it");
        continue;
    }

    if (IsManaged(entry, out var identity))
    {
        var expectedName = Path.GetFileNameWithoutExtension(path);
        if (!string.Equals(identity.Name, expectedName, StringComparison.Ordinal))
        {
            problems.Add($"{path} is the assembly {identity.Name}, not {expectedName}");
        }

        if (owner.AssemblyVersion is { } recorded && identity.Version?.ToString() != recorded)
        {
            problems.Add($"{path} has assembly version {identity.Version}, and the deps.json records {recorded}");
        }
    }

    if (!owner.IsPackage)
    {
        continue; // built from this repository
    }

    var generalPath = Regex.Replace(Regex.Replace(path, "^runtimes/[^/]+/", "runtimes/*/"), "^[A-Za-z]{2,3}(-[A-Za-z]+)?/(?=[^/]+\\.resources\\.dll$)", "*/");
    bundled.Add($"{generalPath} {owner.Name} {Major(owner.Version)}");
}

var allowed = new SortedSet<string>(
    File.ReadAllLines(args[1])
        .Select(line => Regex.Replace(line.Trim(), @"\s+", " "))
        .Where(line => line.Length > 0 && !line.StartsWith('#')),
    StringComparer.Ordinal);

Console.WriteLine($"tool check: {Path.GetFileName(args[0])} bundles {bundled.Count} third-party binaries (file, package, major version):");
foreach (var line in bundled)
{
    Console.WriteLine($"  {line}");
}

foreach (var line in bundled.Except(allowed))
{
    problems.Add($"bundled but not on {Path.GetFileName(args[1])}: {line}");
}

foreach (var line in allowed.Except(bundled))
{
    problems.Add($"on {Path.GetFileName(args[1])} but no longer bundled (remove the line): {line}");
}

foreach (var problem in problems)
{
    Console.Error.WriteLine($"tool check: {problem}");
}

Console.WriteLine(problems.Count == 0 ? "tool check: the bundled binaries are the allowed ones" : $"tool check: {problems.Count} problem(s)");
return problems.Count == 0 ? 0 : 1;

// Symbols, XML docs and the tool's own manifests carry no code.
static bool IsNotCode(string path) =>
    path.EndsWith(".pdb", StringComparison.Ordinal)
    || path.EndsWith(".xml", StringComparison.Ordinal)
    || path.EndsWith(".deps.json", StringComparison.Ordinal)
    || path.EndsWith(".runtimeconfig.json", StringComparison.Ordinal);

// The major version, or major.minor for a 0.x version, in which a minor release may break.
static string Major(string version)
{
    var parts = version.Split('-', '+')[0].Split('.');
    return parts[0] == "0" && parts.Length > 1 ? $"0.{parts[1]}" : parts[0];
}

static bool IsManaged(ZipArchiveEntry entry, out AssemblyName identity)
{
    identity = new AssemblyName();
    if (!entry.FullName.EndsWith(".dll", StringComparison.Ordinal))
    {
        return false;
    }

    using var stream = new MemoryStream();
    using (var source = entry.Open())
    {
        source.CopyTo(stream);
    }

    stream.Position = 0;
    using var pe = new PEReader(stream);
    if (!pe.HasMetadata)
    {
        return false; // a native library named .dll
    }

    var metadata = pe.GetMetadataReader();
    if (!metadata.IsAssembly)
    {
        return false;
    }

    var definition = metadata.GetAssemblyDefinition();
    identity = new AssemblyName(metadata.GetString(definition.Name)) { Version = definition.Version };
    return true;
}

internal sealed record Library(string Name, string Version, bool IsPackage)
{
    public string? AssemblyVersion { get; init; }
}
