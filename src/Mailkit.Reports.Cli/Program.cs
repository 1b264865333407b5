using System.Collections;
using Mailkit.Reports.Cli;

using var cancellation = new CancellationTokenSource();
var cancelKey = new CancelKeyHandler(cancellation);
Console.CancelKeyPress += (_, e) => e.Cancel = cancelKey.OnPress();

var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
    .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
return await CliApp.RunAsync(args, Console.Out, Console.Error, !Console.IsErrorRedirected, environment, Console.In, cancellation.Token);
