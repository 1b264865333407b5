using System.Collections;
using System.Runtime.InteropServices;
using Mailkit.Reports.Cli;

using var cancellation = new CancellationTokenSource();
var cancelKey = new CancelKeyHandler(cancellation);
Console.CancelKeyPress += (_, e) => e.Cancel = cancelKey.OnPress();

// SIGTERM (a service manager, a container stop) stops as Ctrl+C does: the page in progress is dropped, what was
// committed stays, and a second one ends the process at once.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = cancelKey.OnPress());

var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
    .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
return await CliApp.RunAsync(args, Console.Out, Console.Error, !Console.IsErrorRedirected, environment, Console.In, cancellation.Token);
