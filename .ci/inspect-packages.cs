// Inspects the packages .ci/run has just packed and fails unless each holds what a user checks before adopting it:
// nuspec metadata (description, tags, project URL, release notes pointing at CHANGELOG.md, MIT licence expression,
// README shown on the package page, repository URL and commit), the libraries' assets for net8.0 and net10.0 with
// XML docs and the trimming/AOT flag, the tool's entry point, and a symbols package whose PDBs carry SourceLink and
// embed the sources that are not in git (the generated ones).
//
// Usage: dotnet run .ci/inspect-packages.cs -- DIR
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;

var directory = args.Length == 1 ? args[0] : throw new ArgumentException("usage: inspect-packages DIR");
var problems = new List<string>();
var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
var embeddedSourceKind = new Guid("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

Inspect("Mailkit.Reports", isTool: false);
Inspect("Mailkit.Reports.Testing", isTool: false);
Inspect("Mailkit.Reports.Hosting", isTool: false);
Inspect("Mailkit.Reports.Cli", isTool: true);

foreach (var problem in problems)
{
    Console.Error.WriteLine($"package check: {problem}");
}

Console.WriteLine(problems.Count == 0 ? "package check: all packages complete" : $"package check: {problems.Count} problem(s)");
return problems.Count == 0 ? 0 : 1;

void Inspect(string id, bool isTool)
{
    var nupkgPath = Directory.GetFiles(directory, $"{id}.*.nupkg").SingleOrDefault(p => IsVersionOf(id, p, ".nupkg"));
    if (nupkgPath is null)
    {
        problems.Add($"{id}: no .nupkg in {directory}");
        return;
    }

    using var nupkg = ZipFile.OpenRead(nupkgPath);
    var entries = nupkg.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
    var nuspec = XDocument.Load(nupkg.GetEntry($"{id}.nuspec")!.Open());
    var ns = nuspec.Root!.Name.Namespace;
    var metadata = nuspec.Root.Element(ns + "metadata")!;
    string? Meta(string name) => metadata.Element(ns + name)?.Value;

    Require(id, !string.IsNullOrWhiteSpace(Meta("description")), "a description");
    Require(id, Meta("tags")?.Contains("mailkit", StringComparison.Ordinal) == true, "tags including 'mailkit'");
    Require(id, Meta("projectUrl")?.StartsWith("https://", StringComparison.Ordinal) == true, "an https project URL");
    Require(id, Meta("releaseNotes")?.Contains("CHANGELOG.md", StringComparison.Ordinal) == true, "release notes pointing at CHANGELOG.md");
    var license = metadata.Element(ns + "license");
    Require(id, license?.Attribute("type")?.Value == "expression" && license.Value == "MIT", "the MIT licence expression");
    Require(id, Meta("readme") == "README.md" && entries.Contains("README.md"), "README.md as the package page");
    var repository = metadata.Element(ns + "repository");
    Require(id, repository?.Attribute("url")?.Value.StartsWith("https://github.com/", StringComparison.Ordinal) == true, "a repository URL");
    Require(id, repository?.Attribute("commit")?.Value.Length == 40, "the repository commit");
    Require(id, entries.Contains("LICENSE"), "the LICENSE file");
    if (id == "Mailkit.Reports.Hosting")
    {
        // Hosting runs on the SDK's internal sync engine: it must depend on the exact Mailkit.Reports it was built with.
        var sdk = metadata.Descendants(ns + "dependency").Where(d => d.Attribute("id")?.Value == "Mailkit.Reports").Select(d => d.Attribute("version")?.Value).ToList();
        Require(id, sdk.Count > 0 && sdk.All(v => v is ['[', .., ']'] && !v.Contains(',', StringComparison.Ordinal)), "an exact [x.y.z] dependency on Mailkit.Reports");
    }

    string[] assemblies;
    if (isTool)
    {
        var packageType = metadata.Element(ns + "packageTypes")?.Element(ns + "packageType")?.Attribute("name")?.Value;
        Require(id, packageType == "DotnetTool", "the DotnetTool package type");
        var settings = nupkg.GetEntry("tools/net10.0/any/DotnetToolSettings.xml");
        var entryPoint = settings is null ? null : XDocument.Load(settings.Open()).Descendants("Command").FirstOrDefault()?.Attribute("EntryPoint")?.Value;
        Require(id, entryPoint is not null, "tools/net10.0/any/DotnetToolSettings.xml naming the entry point");
        assemblies = [$"tools/net10.0/any/{entryPoint ?? id + ".dll"}"];
    }
    else
    {
        assemblies = [$"lib/net8.0/{id}.dll", $"lib/net10.0/{id}.dll"];
        foreach (var assembly in assemblies)
        {
            Require(id, entries.Contains(Path.ChangeExtension(assembly, ".xml")), Path.ChangeExtension(assembly, ".xml") + " (XML docs)");
            if (nupkg.GetEntry(assembly) is { } entry)
            {
                Require(id, ReadAssemblyMetadata(entry).Contains("IsTrimmable=True"), $"{assembly} marked trimmable");
            }
        }
    }

    foreach (var assembly in assemblies)
    {
        Require(id, entries.Contains(assembly), assembly);
    }

    var snupkgPath = Path.ChangeExtension(nupkgPath, ".snupkg");
    if (!File.Exists(snupkgPath))
    {
        problems.Add($"{id}: no .snupkg symbols package");
        return;
    }

    using var snupkg = ZipFile.OpenRead(snupkgPath);
    foreach (var assembly in assemblies)
    {
        var pdbEntry = snupkg.GetEntry(Path.ChangeExtension(assembly, ".pdb"));
        if (pdbEntry is null)
        {
            problems.Add($"{id}: the symbols package has no {Path.ChangeExtension(assembly, ".pdb")}");
            continue;
        }

        InspectPdb(id, pdbEntry, repository?.Attribute("commit")?.Value);
    }
}

void InspectPdb(string id, ZipArchiveEntry entry, string? commit)
{
    using var buffer = new MemoryStream();
    using (var stream = entry.Open())
    {
        stream.CopyTo(buffer);
    }

    buffer.Position = 0;
    using var provider = MetadataReaderProvider.FromPortablePdbStream(buffer);
    var pdb = provider.GetMetadataReader();
    string? sourceLink = null;
    foreach (var handle in pdb.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
    {
        var information = pdb.GetCustomDebugInformation(handle);
        if (pdb.GetGuid(information.Kind) == sourceLinkKind)
        {
            sourceLink = Encoding.UTF8.GetString(pdb.GetBlobBytes(information.Value));
        }
    }

    Require(id, sourceLink?.Contains($"raw.githubusercontent.com/mailkit-reports/Mailkit.Reports/{commit}", StringComparison.Ordinal) == true,
        $"SourceLink to the packed commit in {entry.FullName}");

    var generated = 0;
    foreach (var documentHandle in pdb.Documents)
    {
        var name = pdb.GetString(pdb.GetDocument(documentHandle).Name);
        if (!name.Contains("/obj/", StringComparison.Ordinal))
        {
            continue;
        }

        generated++;
        var embedded = pdb.GetCustomDebugInformation(documentHandle)
            .Any(h => pdb.GetGuid(pdb.GetCustomDebugInformation(h).Kind) == embeddedSourceKind);
        Require(id, embedded, $"the untracked source {name} embedded in {entry.FullName}");
    }

    Require(id, generated > 0, $"at least one generated (untracked) source listed in {entry.FullName}");
}

static string ReadAssemblyMetadata(ZipArchiveEntry entry)
{
    using var buffer = new MemoryStream();
    using (var stream = entry.Open())
    {
        stream.CopyTo(buffer);
    }

    buffer.Position = 0;
    using var pe = new PEReader(buffer);
    var reader = pe.GetMetadataReader();
    var pairs = new List<string>();
    foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
    {
        var attribute = reader.GetCustomAttribute(handle);
        if (attribute.Constructor.Kind != HandleKind.MemberReference)
        {
            continue;
        }

        var parent = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference || reader.GetString(reader.GetTypeReference((TypeReferenceHandle)parent).Name) != "AssemblyMetadataAttribute")
        {
            continue;
        }

        // The blob is a prolog (0x0001) followed by the two string arguments.
        var blob = reader.GetBlobReader(attribute.Value);
        blob.ReadUInt16();
        pairs.Add($"{blob.ReadSerializedString()}={blob.ReadSerializedString()}");
    }

    return string.Join(';', pairs);
}

void Require(string id, bool condition, string what)
{
    if (!condition)
    {
        problems.Add($"{id}: missing {what}");
    }
}

static bool IsVersionOf(string id, string path, string extension)
{
    var name = Path.GetFileName(path);
    return name.EndsWith(extension, StringComparison.Ordinal)
        && name.Length > id.Length + 1
        && char.IsAsciiDigit(name[id.Length + 1]);
}
