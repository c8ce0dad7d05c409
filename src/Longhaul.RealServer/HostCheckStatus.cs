namespace Longhaul.RealServer;

public enum HostCheckStatus : byte
{
    Ok,

    /// <summary>Something LVS-Tun needs is not there; the check names the fix.</summary>
    Missing,

    /// <summary>Worth knowing, never a failure (e.g. ip_forward, which a real server does not need).</summary>
    Info,
}
