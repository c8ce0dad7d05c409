namespace Longhaul.Config.Import;

/// <summary>
/// Checker settings that keepalived lets a virtual_server or real_server set for the checkers below it, with
/// keepalived's own defaults (delay_loop 60 s, connect_timeout 5 s, retry 1, removal on failure).
/// </summary>
internal sealed record KeepalivedCheckDefaults(
    double DelayLoop = 60,
    double ConnectTimeout = 5,
    int Retry = 1,
    bool Inhibit = false,
    string? VirtualHost = null);
