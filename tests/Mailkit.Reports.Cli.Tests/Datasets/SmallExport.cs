using System.Data.Common;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Datasets;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mailkit.Reports.Cli.Tests.Datasets;

/// <summary>Builds a small export whose every row the test chooses, in SQLite or PostgreSQL, through the tool's own stores.</summary>
internal static class SmallExport
{
    public static BounceRecord Bounce(long id, long sendMessageId, long sendId = 1, string email = "") => new BounceRecordBuilder()
        .Set(BounceFieldNames.UndeliveredLogId, id)
        .Set(BounceFieldNames.SendMessageId, sendMessageId)
        .Set(BounceFieldNames.SendId, sendId)
        .Set(BounceFieldNames.CampaignId, 9)
        .Set(BounceFieldNames.Email, email.Length > 0 ? email : $"b{id}@example.cz")
        .Set(BounceFieldNames.Status, "5.1.1")
        .Build();

    public static RawMessageRecord Message(long id, DateTimeOffset sent, string domain = "example.cz", long campaign = 9) =>
        new() { SendMessageId = id, CampaignId = campaign, SendId = 77, Email = $"m{id}@{domain}", Domain = domain, DateSent = sent, MessageStatus = "sent" };

    /// <summary>Gets the account every small export belongs to.</summary>
    public static string Account => Settings(string.Empty).Account;

    public static ExportSettings Settings(string target, params ExportDataset[] datasets) => new() { ClientId = 5, Output = target, Datasets = datasets };

    public static async Task<IBounceTarget> OpenTargetAsync(string target, ExportFormat format)
    {
        var opened = TargetResolver.Create(target, format, csvRaw: false, TimeProvider.System, BounceClassifier.Default);
        await opened.OpenAsync(Account, "campaign=*;send=*", CancellationToken.None);
        return opened;
    }

    public static async Task WriteBouncesAsync(string target, ExportFormat format, params BounceRecord[] bounces)
    {
        await using var opened = await OpenTargetAsync(target, format);
        await opened.WritePageAsync(bounces, bounces.Max(b => b.UndeliveredLogId) + 1, CancellationToken.None);
    }

    /// <summary>Runs one pass of the datasets other than bounces that <paramref name="settings"/> names, from <paramref name="client"/>.</summary>
    public static async Task RunAsync(string target, ExportFormat format, ExportSettings settings, IMailkitClient client)
    {
        await using var opened = await OpenTargetAsync(target, format);
        await using var store = DatasetStores.Create(target, format, csvRaw: false, TimeProvider.System);
        await store.OpenAsync(settings.Account, settings.Datasets, CancellationToken.None);
        await new DatasetExport(client, store, settings, TextWriter.Null).RunAsync(CancellationToken.None);
    }

    /// <summary>Sets a stored bounce's verdict, so that a test chooses what is hard and what is sender-side.</summary>
    public static Task SetVerdictAsync(string target, ExportFormat format, long id, string reason, bool hard) =>
        ScalarAsync(
            target,
            format,
            $"UPDATE raw_bounces SET reason = '{reason}', hard_bounce = {(format == ExportFormat.Postgres ? (hard ? "true" : "false") : (hard ? "1" : "0"))} "
            + $"WHERE id_undelivered_log = {id}");

    public static async Task<object?> ScalarAsync(string target, ExportFormat format, string sql)
    {
        await using DbConnection connection = format == ExportFormat.Postgres ? new NpgsqlConnection(target) : new SqliteConnection($"Data Source={target};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}
