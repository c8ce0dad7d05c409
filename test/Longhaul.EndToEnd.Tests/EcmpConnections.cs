using System.Diagnostics;
using Longhaul.Lab.Http;
using Longhaul.Lab.Topology;

namespace Longhaul.EndToEnd.Tests;

/// <summary>
/// Many long-lived keep-alive connections from lh-client through the VIP, each on its own thread making a
/// request every <see cref="Interval"/>. A connection is broken when a request fails or a different real
/// answers than the one that answered first; a stall (longest gap between answers) shows a connection that
/// waited out a routing change.
/// </summary>
internal sealed class EcmpConnections : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    // Long enough for TCP to retransmit through a few seconds of blackhole while a dead director is withdrawn.
    private static readonly TimeSpan s_requestTimeout = TimeSpan.FromSeconds(15);

    private readonly List<Tracked> _connections = [];
    private readonly List<Thread> _threads = [];
    private volatile bool _stop;

    public EcmpConnections(int count, string vip)
    {
        try
        {
            for (int i = 0; i < count; i++)
            {
                _connections.Add(new Tracked(LabKeepAliveConnection.Open(LabTopology.ClientNamespace, vip, TimeSpan.FromSeconds(3))));
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        foreach (Tracked connection in _connections)
        {
            var thread = new Thread(() => Loop(connection)) { IsBackground = true, Name = $"keep-alive :{connection.Connection.LocalPort}" };
            _threads.Add(thread);
            thread.Start();
        }
    }

    public IReadOnlyList<Tracked> Connections => _connections;

    public int Broken => _connections.Count(c => c.Failure is not null);

    /// <summary>Connections whose longest wait for an answer was above <paramref name="threshold"/>.</summary>
    public int StalledLongerThan(TimeSpan threshold) => _connections.Count(c => c.Failure is null && c.LongestGap > threshold);

    public long Requests => _connections.Sum(c => Interlocked.Read(ref c.Answers));

    /// <summary>Stops every loop and waits (bounded) for the threads.</summary>
    public void Stop()
    {
        _stop = true;
        foreach (Thread thread in _threads)
        {
            thread.Join(s_requestTimeout + TimeSpan.FromSeconds(2));
        }
    }

    public string DescribeBroken() =>
        string.Join("; ", _connections.Where(c => c.Failure is not null).Select(c => $":{c.Connection.LocalPort} first {c.FirstReal}: {c.Failure}"));

    public void Dispose()
    {
        Stop();
        foreach (Tracked connection in _connections)
        {
            connection.Connection.Dispose();
        }
    }

    private void Loop(Tracked tracked)
    {
        var sinceAnswer = Stopwatch.StartNew();
        while (!_stop && tracked.Failure is null)
        {
            LabHttpResult result = tracked.Connection.Get(s_requestTimeout);
            if (!result.Ok)
            {
                tracked.Failure = result.Error ?? $"HTTP {result.StatusCode}";
                break;
            }

            string real = $"{result.Real} {result.DataCenter}";
            tracked.FirstReal ??= real;
            if (tracked.FirstReal != real)
            {
                tracked.Failure = $"answered by {real} after {tracked.FirstReal}";
                break;
            }

            if (sinceAnswer.Elapsed > tracked.LongestGap)
            {
                tracked.LongestGap = sinceAnswer.Elapsed;
            }

            sinceAnswer.Restart();
            Interlocked.Increment(ref tracked.Answers);
            Thread.Sleep(Interval);
        }
    }

    internal sealed class Tracked(LabKeepAliveConnection connection)
    {
        public long Answers;

        public LabKeepAliveConnection Connection { get; } = connection;

        public string? FirstReal { get; set; }

        public string? Failure { get; set; }

        public TimeSpan LongestGap { get; set; }
    }
}
