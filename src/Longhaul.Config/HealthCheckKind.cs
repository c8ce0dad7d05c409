namespace Longhaul.Config;

/// <summary>How a real server's health is probed (issue 5 runs the checks; the config only describes them).</summary>
public enum HealthCheckKind
{
    /// <summary>Through the tunnel to VIP:port, steered to one real: the client's own path, reply from the VIP included.</summary>
    Tunnel,

    /// <summary>A TCP connect to the real's own address (keepalived TCP_CHECK).</summary>
    Tcp,

    /// <summary>An HTTP request to the real's own address (keepalived HTTP_GET).</summary>
    Http,

    /// <summary>An HTTPS request to the real's own address (keepalived SSL_GET).</summary>
    Https,

    /// <summary>An external command; exit status 0 means healthy (keepalived MISC_CHECK).</summary>
    Exec,
}
