// Keeps a SQLite suppression list current from Mailkit's bounce log, exactly once: each page's bounces, the
// suppressions they imply and the sync's cursor are written in one transaction, and the sync reads its cursor back
// from the same database. Killed at any moment, the worker continues on its next start with no bounce lost or stored
// twice.
//
// The credentials come from configuration (user secrets, or Mailkit__ClientId and Mailkit__ClientMd5 in the
// environment); the md5 is never logged. See README.md.
using Mailkit.Reports.Hosting;
using Mailkit.Reports.Samples.Worker;

// <Registration>
var builder = Host.CreateApplicationBuilder(args);

builder.Services.Configure<SuppressionOptions>(builder.Configuration.GetSection(SuppressionOptions.SectionName));
builder.Services.AddSingleton<SuppressionDatabase>();

// The cursor is read back from the suppression database, where the handler writes it with each page.
builder.Services.AddSingleton<IBounceCursorStore, SqliteBounceCursorStore>();
// A record the SDK refuses is kept aside in rejected_bounces rather than stopping the sync (BounceSync:SkipInvalidRecords
// set to false stops it instead).
builder.Services.Configure<BounceSyncOptions>(o => o.SkipInvalidRecords = true);
builder.Services.AddMailkitClient(builder.Configuration.GetSection("Mailkit"))
    .AddBounceSync<SuppressionHandler>(builder.Configuration.GetSection("BounceSync"));

var host = builder.Build();
await host.Services.GetRequiredService<SuppressionDatabase>().EnsureCreatedAsync(CancellationToken.None);
await host.RunAsync();
// </Registration>
