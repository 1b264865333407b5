using System.Diagnostics;
using Mailkit.Reports.Decoding;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Pagination;

/// <summary>
/// Reads one page: makes one call and yields its records (and, under <see cref="InvalidRecordHandling.Skip()"/>, the records
/// the decoder set aside) as they arrive. A failure while the body is read is thrown
/// as a <see cref="MailkitException"/> whose <see cref="MailkitException.IsBodyFailure"/> is set.
/// </summary>
/// <param name="request">The request as it goes on the wire.</param>
/// <param name="parent">The walk's span, the parent of the call's.</param>
/// <param name="cancellationToken">The walk's token.</param>
/// <returns>The page's records.</returns>
internal delegate IAsyncEnumerable<DecodedRecord> PageReader(RawBouncesRequest request, ActivityContext parent, CancellationToken cancellationToken);
