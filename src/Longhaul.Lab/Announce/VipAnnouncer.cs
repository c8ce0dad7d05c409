using Longhaul.Linux;

namespace Longhaul.Lab.Announce;

/// <summary>
/// Keeps a director's VIP host routes in a dedicated kernel table exactly while its data path works: its TUN
/// device exists and its stats file is fresh. BIRD imports that table and announces it over BGP, so a
/// director that dies, hangs or is stopped loses its announcement within <see cref="AnnounceSettings.MaxAge"/>
/// (at once when its process ends: the TUN device goes with it), and the upstream's ECMP stops sending to it.
/// Routes are blackholes: the table only carries "announce this", forwarding uses the director's own routes.
/// </summary>
/// <remarks>
/// A separate process for now because the director is another team's work; the daemon will host the same
/// loop in-process later, which also removes the one gap of this design (a director alive but failing in a
/// way that still writes stats).
/// </remarks>
public sealed class VipAnnouncer(AnnounceSettings settings, TextWriter log)
{
    private static readonly TimeSpan s_refresh = TimeSpan.FromSeconds(5);

    private readonly IpCommand _ip = IpCommand.Current;
    private bool _announced;
    private DateTime _lastApplied = DateTime.MinValue;

    public AnnounceSettings Settings { get; } = settings;

    public bool Announced => _announced;

    /// <summary>Runs until <paramref name="stop"/> fires, then withdraws.</summary>
    public void Run(CancellationToken stop)
    {
        // Whatever a previous announcer left is stale until this one has looked.
        Withdraw("starting");
        try
        {
            while (!stop.IsCancellationRequested)
            {
                Step(DateTime.UtcNow);
                stop.WaitHandle.WaitOne(Settings.Interval);
            }
        }
        finally
        {
            Withdraw("stopping");
        }
    }

    /// <summary>One look: announce or withdraw as the director's health says; re-asserts routes now and then.</summary>
    public void Step(DateTime now)
    {
        string? problem = Problem(now);
        if (problem is null)
        {
            if (!_announced || now - _lastApplied > s_refresh)
            {
                Announce(now);
            }
        }
        else if (_announced)
        {
            Withdraw(problem);
        }
    }

    /// <summary>Why the director's data path does not work, or null when it does.</summary>
    public string? Problem(DateTime now)
    {
        if (!Directory.Exists(Path.Combine("/sys/class/net", Settings.TunDevice)))
        {
            return $"no TUN device {Settings.TunDevice}";
        }

        if (!File.Exists(Settings.StatsFile))
        {
            return $"no stats file {Settings.StatsFile}";
        }

        TimeSpan age = now - File.GetLastWriteTimeUtc(Settings.StatsFile);
        return age > Settings.MaxAge ? $"stats {age.TotalSeconds:0.0} s old (limit {Settings.MaxAge.TotalSeconds:0.#} s)" : null;
    }

    private void Announce(DateTime now)
    {
        foreach (string vip in Settings.Vips)
        {
            _ip.Run(Family(vip), "route", "replace", "blackhole", HostPrefix(vip), "table", Table, "proto", "static");
        }

        if (!_announced)
        {
            log.WriteLine($"{DateTimeOffset.UtcNow:O} announce {string.Join(' ', Settings.Vips)} (table {Settings.Table}): director healthy");
        }

        _announced = true;
        _lastApplied = now;
    }

    private void Withdraw(string reason)
    {
        foreach (string vip in Settings.Vips)
        {
            try
            {
                _ip.Run(Family(vip), "route", "del", "blackhole", HostPrefix(vip), "table", Table);
            }
            catch (IpCommandException)
            {
                // Not there: nothing to withdraw.
            }
        }

        log.WriteLine($"{DateTimeOffset.UtcNow:O} withdraw {string.Join(' ', Settings.Vips)}: {reason}");
        _announced = false;
    }

    private string Table => Settings.Table.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Family(string vip) => vip.Contains(':', StringComparison.Ordinal) ? "-6" : "-4";

    private static string HostPrefix(string vip) => vip.Contains(':', StringComparison.Ordinal) ? vip + "/128" : vip + "/32";
}
