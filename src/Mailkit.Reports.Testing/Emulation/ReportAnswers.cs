using System.Net;
using Mailkit.Reports.Testing.Wire;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Testing.Emulation;

/// <summary>
/// Answers the reports of the emulator's world beside raw bounces, each with its parameters, paging, filters, errors and
/// value types as Mailkit's documentation gives them. Without a world every report is empty and no send is known.
/// </summary>
internal sealed class ReportAnswers(EmulatorSettings settings, Func<EmulatedWorld?> worldOf)
{
    private static readonly EmulatedWorld NoWorld = new([], [], [], [], [], []);

    /// <summary>The answer to a call of one of the world's reports, or <see langword="null"/> when the function is none of them.</summary>
    public EmulatorAnswer? Answer(MailkitTransportKind transport, ParsedCall call, EmulatorFault fault)
    {
        var world = worldOf() ?? NoWorld;
        return call.Function switch
        {
            ReportFunctions.RawMessages => RawMessages(world, transport, call, fault),
            ReportFunctions.RawResponses => RawResponses(world, transport, call, fault),
            ReportFunctions.MessageBounces => PerSend(world, transport, call, fault, s => [.. world.BouncesBySend[s]], ReportSchemas.MessageBounces),
            ReportFunctions.MessageRecipients =>
                PerSend(world, transport, call, fault, s => [.. world.MessagesBySend[s].Select(m => new RecipientRow(m))], ReportSchemas.MessageRecipients),
            ReportFunctions.CampaignsList => CampaignsList(world, transport, call, fault),
            ReportFunctions.Campaign => Campaign(world, transport, call, fault),
            ReportFunctions.Unsubscribed => Unsubscribed(world, transport, call, fault),
            _ => null,
        };
    }

    /// <summary>The empty answer to raw bounces when a shape is forced; <see langword="null"/> keeps that report's own.</summary>
    public EmulatorAnswer? EmptyRawBounces(MailkitTransportKind transport, EmulatorFault fault) =>
        settings.EmptyAnswer == EmulatorEmptyAnswer.FunctionDefault ? null : Records(transport, [], ReportSchemas.Raw, fault, raw: true);

    private EmulatorAnswer RawMessages(EmulatedWorld world, MailkitTransportKind transport, ParsedCall call, EmulatorFault fault)
    {
        if (Filters(transport, call, fault, out var campaign, out var send) is { } error)
        {
            return error;
        }

        if (!call.TryId("ID_send_message", out var start) || !call.TryId("limit", out var limit))
        {
            return EmulatorResponseWriter.Error(transport, "Invalid request", fault);
        }

        var page = SortedPage.Select(
            world.RawMessages,
            m => m.SendMessageId,
            start,
            Take(limit),
            settings.ExclusiveStart,
            m => (campaign is null || m.CampaignId == campaign) && (send is null || m.SendId == send));
        return Records(transport, page, ReportSchemas.Raw, fault, raw: true);
    }

    private EmulatorAnswer RawResponses(EmulatedWorld world, MailkitTransportKind transport, ParsedCall call, EmulatorFault fault)
    {
        if (Filters(transport, call, fault, out var campaign, out var send) is { } error)
        {
            return error;
        }

        if (!call.TryId("ID_send_message", out var message) || !call.TryId("ID_log", out var start) || !call.TryId("limit", out var limit))
        {
            return EmulatorResponseWriter.Error(transport, "Invalid request", fault);
        }

        var page = SortedPage.Select(
            world.Responses,
            r => r.LogId,
            start,
            Take(limit),
            settings.ExclusiveStart,
            r => (campaign is null || r.CampaignId == campaign) && (send is null || r.SendId == send) && (message is null || r.SendMessageId == message));
        return Records(transport, page, ReportSchemas.Raw, fault, raw: true);
    }

    private EmulatorAnswer PerSend(
        EmulatedWorld world, MailkitTransportKind transport, ParsedCall call, EmulatorFault fault, Func<long, IReadOnlyList<EmulatedRecord>> rowsOf, Func<string, WireKind> kindOf)
    {
        if (!call.TryId("ID_send", out var send))
        {
            return EmulatorResponseWriter.Error(transport, "Invalid ID_send", fault);
        }

        if (send is not { } id)
        {
            return EmulatorResponseWriter.Error(transport, "Missing ID_send", fault);
        }

        return world.SendsById.ContainsKey(id)
            ? Records(transport, rowsOf(id), kindOf, fault, raw: false)
            : EmulatorResponseWriter.Error(transport, "Invalid ID_send", fault);
    }

    private EmulatorAnswer CampaignsList(EmulatedWorld world, MailkitTransportKind transport, ParsedCall call, EmulatorFault fault)
    {
        if (!call.TryId("ID_message", out var campaign))
        {
            return EmulatorResponseWriter.Error(transport, "Invalid ID_message", fault);
        }

        EmulatedRecord[] rows = [.. world.Campaigns.Where(c => campaign is null || c.CampaignId == campaign)];
        return Records(transport, rows, ReportSchemas.CampaignsList, fault, raw: false);
    }

    private EmulatorAnswer Campaign(EmulatedWorld world, MailkitTransportKind transport, ParsedCall call, EmulatorFault fault)
    {
        if (!call.TryId("ID_message", out var campaign))
        {
            return EmulatorResponseWriter.Error(transport, "Invalid ID_message", fault);
        }

        if (campaign is null)
        {
            return EmulatorResponseWriter.Error(transport, "Missing ID_message", fault);
        }

        if (!call.TryDay("range_from", out var from))
        {
            return EmulatorResponseWriter.Error(transport, "Invalid range_from", fault);
        }

        if (!call.TryDay("range_to", out var to))
        {
            return EmulatorResponseWriter.Error(transport, "Invalid range_to", fault);
        }

        EmulatedRecord[] rows =
        [
            .. world.Sends.Where(s => s.CampaignId == campaign && (from is null || PragueTime.Day(s.SentAt) >= from) && (to is null || PragueTime.Day(s.SentAt) <= to)),
        ];
        return Records(transport, rows, ReportSchemas.Campaign, fault, raw: false);
    }

    private EmulatorAnswer Unsubscribed(EmulatedWorld world, MailkitTransportKind transport, ParsedCall call, EmulatorFault fault)
    {
        if (!call.TryDay("range_from", out var from))
        {
            return EmulatorResponseWriter.Error(transport, "Invalid range_from", fault);
        }

        var exclusive = settings.UnsubscribedRangeFromExclusive;
        EmulatedRecord[] rows =
        [
            .. world.Unsubscribes.Where(u => from is not { } day || (exclusive ? PragueTime.Day(u.UnsubscribedAt) > day : PragueTime.Day(u.UnsubscribedAt) >= day)),
        ];
        return Records(transport, rows, ReportSchemas.Unsubscribed, fault, raw: false);
    }

    /// <summary>Reads the campaign and send filters of a raw report; returns the error answer when one is not an ID.</summary>
    private static EmulatorAnswer? Filters(MailkitTransportKind transport, ParsedCall call, EmulatorFault fault, out long? campaign, out long? send)
    {
        send = null;
        if (!call.TryId("ID_message", out campaign))
        {
            return EmulatorResponseWriter.Error(transport, "Invalid ID_message", fault);
        }

        return call.TryId("ID_send", out send) ? null : EmulatorResponseWriter.Error(transport, "Invalid ID_send", fault);
    }

    private int Take(long? limit) => SortedPage.Take(limit, settings.PageCap);

    private EmulatorAnswer Records(MailkitTransportKind transport, IReadOnlyList<EmulatedRecord> rows, Func<string, WireKind> kindOf, EmulatorFault fault, bool raw)
    {
        var style = new WireStyle(settings.NumbersAsJsonNumbers, settings.NumbersAsJsonStrings);
        var emptyAsObject = settings.EmptyAnswer switch
        {
            EmulatorEmptyAnswer.EmptyObject => true,
            EmulatorEmptyAnswer.EmptyArray => false,
            _ => raw && transport == MailkitTransportKind.Json,
        };
        return transport == MailkitTransportKind.XmlRpc
            ? new(HttpStatusCode.OK, XmlRpcResponseWriter.ContentType, XmlRpcResponseWriter.Records(rows, kindOf, style, emptyAsObject), fault, null, rows.Count)
            : new(HttpStatusCode.OK, JsonResponseWriter.ContentType, JsonResponseWriter.Records(rows, kindOf, style, emptyAsObject), fault, null, rows.Count);
    }
}
