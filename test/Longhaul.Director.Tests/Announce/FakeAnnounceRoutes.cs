using Longhaul.Director.Announce;

namespace Longhaul.Director.Tests.Announce;

/// <summary>Records what the announcer asks of the kernel; the set it keeps is what table N would hold.</summary>
internal sealed class FakeAnnounceRoutes : IAnnounceRoutes
{
    public List<string> Calls { get; } = [];

    public HashSet<string> Table { get; } = [];

    public bool Fail { get; set; }

    public void Announce(string prefix)
    {
        Calls.Add("replace " + prefix);
        if (Fail)
        {
            throw new InvalidOperationException("RTNETLINK answers: Network is unreachable");
        }

        Table.Add(prefix);
    }

    public void Withdraw(string prefix)
    {
        Calls.Add("del " + prefix);
        Table.Remove(prefix);
    }
}
