using Mailkit.Reports.Models;

namespace Mailkit.Reports.Sync;

/// <summary>
/// What a host gives the <see cref="BounceSyncEngine"/> for one cycle: the client, the handler and the cursor store,
/// resolved for that cycle and released when it is disposed.
/// </summary>
internal interface IBounceSyncSession : ISyncSession<RawBouncesRequest, BouncePage>;
