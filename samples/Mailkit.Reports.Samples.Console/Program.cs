// Fetches one page of raw bounces and prints it.
// Credentials come from the environment: MAILKIT_CLIENT_ID and MAILKIT_CLIENT_MD5.
// MAILKIT_ENDPOINT points the sample at another server, for example a local emulator.
// <FirstPage>
using System.Globalization;
using Mailkit.Reports;
using Mailkit.Reports.Models;

var options = new MailkitClientOptions
{
    ClientId = int.TryParse(Environment.GetEnvironmentVariable("MAILKIT_CLIENT_ID"), CultureInfo.InvariantCulture, out var id) ? id : 0,
    ClientMd5 = Environment.GetEnvironmentVariable("MAILKIT_CLIENT_MD5") ?? string.Empty,
};
if (Environment.GetEnvironmentVariable("MAILKIT_ENDPOINT") is { Length: > 0 } endpoint)
{
    options.Endpoint = new Uri(endpoint);
}

try
{
    using var client = new MailkitClient(options);
    var page = await client.GetRawBouncesAsync(new RawBouncesRequest { PageSize = 100 });
    foreach (var bounce in page.Records)
    {
        Console.WriteLine($"{bounce.UndeliveredLogId,12}  {bounce.RecipientStatus,-9}  {bounce.Status?.Text,-7}  {bounce.Email}");
    }

    Console.WriteLine($"{page.Records.Count} records; the next page starts at ID {page.NextStartId}.");
    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"Configuration: {ex.Message}");
    return 2;
}
catch (MailkitException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
// </FirstPage>
