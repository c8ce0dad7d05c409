namespace Longhaul.Balancing.Model;

/// <summary>
/// IPVS persistence (<c>ipvsadm -p TIMEOUT -M NETMASK</c>): new connections from clients within the same
/// masked prefix go to the same real for <see cref="Timeout"/> after the last new connection.
/// </summary>
public sealed record PersistenceSettings(TimeSpan Timeout, int PrefixLengthV4 = 32, int PrefixLengthV6 = 128)
{
    /// <summary>ipvsadm's effective default: <c>IPVS_SVC_PERSISTENT_TIMEOUT</c> is 360 s (the man page says 300).</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(360);
}
