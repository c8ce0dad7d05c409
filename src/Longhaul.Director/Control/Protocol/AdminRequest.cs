namespace Longhaul.Director.Control.Protocol;

/// <summary>
/// One request to the director's admin endpoint: a JSON object on one line, one per connection. Which fields
/// matter depends on <see cref="Op"/>; ctl's flags map onto them one to one (-t → Protocol "tcp" + Service).
/// </summary>
public sealed record AdminRequest
{
    /// <summary>list, explain, flows, zero, reload, save, add-service, edit-service, remove-service, add-real, edit-real, drain-real, remove-real.</summary>
    public required string Op { get; init; }

    /// <summary>Required on the TCP admin endpoint (admin-listen); ignored on the Unix socket, which the file mode protects.</summary>
    public string? Token { get; init; }

    /// <summary>tcp or udp.</summary>
    public string? Protocol { get; init; }

    /// <summary>VIP:PORT ([v6]:port), as ipvsadm -t takes it.</summary>
    public string? Service { get; init; }

    /// <summary>RIP or RIP:PORT, as ipvsadm -r takes it.</summary>
    public string? Real { get; init; }

    public int? Weight { get; init; }

    public string? Scheduler { get; init; }

    /// <summary>Scheduler flags (sh-port, sh-fallback, mh-port, mh-fallback).</summary>
    public IReadOnlyList<string>? Flags { get; init; }

    /// <summary>Persistence timeout in seconds (0 turns it off).</summary>
    public int? Persistence { get; init; }

    /// <summary>Persistence netmask (255.255.255.0 or /24).</summary>
    public string? Netmask { get; init; }

    public string? DataCenter { get; init; }

    /// <summary>ipip or gue (per-real override).</summary>
    public string? Encapsulation { get; init; }

    /// <summary>remove-real: drain first and wait until the real has no active connection (or the timeout).</summary>
    public bool Drain { get; init; }

    /// <summary>remove-real --drain: longest wait in seconds before removing anyway.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>explain: the client's address and port; flows: a client filter.</summary>
    public string? Client { get; init; }

    /// <summary>flows: at most this many (default 100, at most 10000).</summary>
    public int? Limit { get; init; }

    /// <summary>reload: a file other than the one the director started from.</summary>
    public string? Path { get; init; }
}
