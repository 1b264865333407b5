using Mailkit.Reports.Models;
using Mailkit.Reports.Sync;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>What Hosting adds to an SDK report to host its sync: its name in the sync's name, its words, its start request and how its filter reads.</summary>
internal sealed class HostedReport<TRecord, TRequest>(
    SyncedReport<TRequest, ReportPage<TRecord, TRequest>> report,
    string reportName,
    string syncKindInText,
    string recordKind,
    string registeredWith,
    Func<ReportSyncOptions, TRequest> startRequest,
    Func<TRequest, string> describeFilter)
    where TRecord : class
    where TRequest : class
{
    public SyncedReport<TRequest, ReportPage<TRecord, TRequest>> Report => report;

    /// <summary>Gets the report's part of the sync's name, for example <c>raw-messages</c>.</summary>
    public string ReportName => reportName;

    /// <summary>Gets the words the logs use for the report's records, for example <c>raw messages</c>.</summary>
    public string RecordKind => recordKind;

    /// <summary>Gets the method that registers the report's sync, for messages.</summary>
    public string RegisteredWith => registeredWith;

    public TRequest StartRequest(ReportSyncOptions options) => startRequest(options);

    /// <summary>Describes a cursor's filter as <c>campaign 5, every send</c>.</summary>
    public string DescribeFilter(TRequest request) => describeFilter(request);

    /// <summary>The registration of the report's sync of one account.</summary>
    public BounceSyncRegistration Registration(string accountName) => new(accountName)
    {
        ReportName = reportName,
        SyncKind = report.SyncKind,
        SyncKindInText = syncKindInText,
        RegisteredWith = registeredWith,
        OptionsTypeName = nameof(ReportSyncOptions),
    };
}
