using System.Text.Json.Serialization;

namespace Mailkit.Reports.Hosting.Internal;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CursorFile))]
internal sealed partial class CursorFileJsonContext : JsonSerializerContext;
