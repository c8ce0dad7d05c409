using System.Globalization;
using System.Text;
using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Model;
using Longhaul.Director.Announce;
using Longhaul.Director.Control;
using Longhaul.Director.Workers;
using Longhaul.Health;

namespace Longhaul.Director.Metrics;

/// <summary>
/// Writes the Prometheus text format (version 0.0.4) straight from the workers' counters at scrape time.
/// </summary>
/// <remarks>
/// Why not System.Diagnostics.Metrics: the counters already exist as plain per-worker fields (the data path
/// must not call into an instrument per packet), so instruments would only be observable callbacks over the same
/// fields, and exposing them would still need an exporter (OpenTelemetry's Prometheus exporter is not a
/// dependency of this project). Reading the fields directly is one pass, no allocation per series beyond the
/// text, and exactly what a scrape shows. Counters are never reset (ctl zero only moves ctl list's baseline).
/// </remarks>
/// <param name="announcer">The VIP announcer when the director announces (null or returning null: it does not).</param>
public sealed class PrometheusExporter(IDataPlane plane, Func<HealthView?>? health = null, Func<VipAnnouncer?>? announcer = null)
{
    private static readonly DropReason[] s_dropReasons = Enum.GetValues<DropReason>();

    public string Export()
    {
        var w = new Writer();
        ForwardingSnapshot snapshot = plane.Snapshot;
        IReadOnlyList<ForwardingWorker> workers = plane.Workers;
        string name = Escape(plane.Name);

        w.Header(DirectorMetrics.Info);
        w.Sample(DirectorMetrics.Info, $"director=\"{name}\"", 1);
        w.Header(DirectorMetrics.ConfigVersion);
        w.Sample(DirectorMetrics.ConfigVersion, null, snapshot.Version);

        Total(w, DirectorMetrics.Packets, workers, c => c.Packets);
        Total(w, DirectorMetrics.Bytes, workers, c => c.Bytes);
        Total(w, DirectorMetrics.Forwarded, workers, c => c.Forwarded);
        w.Header(DirectorMetrics.Drops);
        foreach (DropReason reason in s_dropReasons)
        {
            if (reason == DropReason.None)
            {
                continue;
            }

            long drops = 0;
            foreach (ForwardingWorker worker in workers)
            {
                drops += worker.Counters.Drops(reason);
            }

            w.Sample(DirectorMetrics.Drops, $"reason=\"{ReasonName(reason)}\"", drops);
        }

        Total(w, DirectorMetrics.FlowHits, workers, c => c.FlowHits);
        Total(w, DirectorMetrics.FlowMisses, workers, c => c.FlowMisses);
        Total(w, DirectorMetrics.FlowInserts, workers, c => c.FlowInserts);
        Total(w, DirectorMetrics.Stateless, workers, c => c.StatelessForwards);
        Total(w, DirectorMetrics.Rescheduled, workers, c => c.Rescheduled);
        Total(w, DirectorMetrics.PersistenceHits, workers, c => c.PersistenceHits);
        Total(w, DirectorMetrics.IcmpTooBig, workers, c => c.IcmpTooBigSent);
        Total(w, DirectorMetrics.IcmpSteered, workers, c => c.IcmpSteered);

        PerWorker(w, DirectorMetrics.Flows, workers, worker => worker.Flows.Occupied);
        PerWorker(w, DirectorMetrics.FlowCapacity, workers, worker => worker.Flows.Capacity);
        PerWorker(w, DirectorMetrics.FlowEvictions, workers, worker => worker.Flows.Evictions);
        PerWorker(w, DirectorMetrics.FlowExpirations, workers, worker => worker.Flows.Expirations);

        IReadOnlyList<IoCounters> io = plane.Io;
        IoTotal(w, DirectorMetrics.IoSent, io, c => c.Sent);
        IoTotal(w, DirectorMetrics.IoSendErrors, io, c => c.SendErrors);
        IoTotal(w, DirectorMetrics.IoReceiveErrors, io, c => c.ReceiveErrors);

        WriteServices(w, snapshot, workers);
        WriteReals(w, snapshot, workers);
        WriteAnnounce(w, announcer?.Invoke());
        return w.ToString();
    }

    /// <summary>One 0/1 series per VIP (only when announcing is configured) and the count of changes.</summary>
    private static void WriteAnnounce(Writer w, VipAnnouncer? announcer)
    {
        w.Header(DirectorMetrics.VipAnnounced);
        if (announcer is not null)
        {
            foreach (VipDecision vip in announcer.Status)
            {
                w.Sample(DirectorMetrics.VipAnnounced, $"vip=\"{vip.Vip}\"", vip.Announce ? 1 : 0);
            }
        }

        w.Header(DirectorMetrics.AnnounceChanges);
        w.Sample(DirectorMetrics.AnnounceChanges, null, announcer?.Changes ?? 0);
    }

    private static void WriteServices(Writer w, ForwardingSnapshot snapshot, IReadOnlyList<ForwardingWorker> workers)
    {
        (MetricDescriptor Metric, Func<WorkerCounters, long[]> Select)[] series =
        [
            (DirectorMetrics.ServicePackets, c => c.ServicePackets),
            (DirectorMetrics.ServiceBytes, c => c.ServiceBytes),
            (DirectorMetrics.ServiceConnections, c => c.ServiceConnections),
        ];
        foreach ((MetricDescriptor metric, Func<WorkerCounters, long[]> select) in series)
        {
            w.Header(metric);
            foreach (CompiledService service in snapshot.Services)
            {
                w.Sample(metric, $"service=\"{ServiceLabel(service.Key)}\"", Sum(workers, select, service.ServiceId));
            }
        }
    }

    /// <summary>The check's verdict where the real is checked; otherwise 0 only when it is administratively down.</summary>
    private static long HealthValue(HealthView? view, ForwardingSnapshot snapshot, CompiledReal real)
    {
        CompiledService? service = null;
        foreach (CompiledService candidate in snapshot.Services)
        {
            if (candidate.ServiceId == real.ServiceId)
            {
                service = candidate;
                break;
            }
        }

        if (view is not null && service is not null && view.Find(service.Key, real.Address) is { } checkedReal)
        {
            return checkedReal.Status == HealthStatus.Up ? 1 : 0;
        }

        return real.Definition.State == RealState.Down ? 0 : 1;
    }

    private void WriteReals(Writer w, ForwardingSnapshot snapshot, IReadOnlyList<ForwardingWorker> workers)
    {
        HealthView? view = health?.Invoke();
        (MetricDescriptor Metric, Func<CompiledReal, long> Value)[] series =
        [
            (DirectorMetrics.RealPackets, r => Sum(workers, c => c.RealPackets, r.RealId)),
            (DirectorMetrics.RealBytes, r => Sum(workers, c => c.RealBytes, r.RealId)),
            (DirectorMetrics.RealConnections, r => Sum(workers, c => c.RealConnections, r.RealId)),
            (DirectorMetrics.RealActive, r => plane.Connections.Active(r.RealId)),
            (DirectorMetrics.RealInactive, r => plane.Connections.Inactive(r.RealId)),
            (DirectorMetrics.RealWeight, r => r.Definition.Weight),
            (DirectorMetrics.RealDraining, r => r.Definition.State == RealState.Draining ? 1 : 0),
            (DirectorMetrics.RealHealth, r => HealthValue(view, snapshot, r)),
        ];
        foreach ((MetricDescriptor metric, Func<CompiledReal, long> value) in series)
        {
            w.Header(metric);
            foreach (CompiledService service in snapshot.Services)
            {
                string serviceLabel = ServiceLabel(service.Key);
                for (int i = service.SchedulerOrder.Length - 1; i >= 0; i--)
                {
                    CompiledReal real = service.SchedulerOrder[i];
                    string labels = $"service=\"{serviceLabel}\",real=\"{Escape(HostPort.Format(real.Address, real.Definition.Port == 0 ? service.Key.Port : real.Definition.Port))}\",dc=\"{Escape(real.Definition.DataCenter)}\"";
                    w.Sample(metric, labels, value(real));
                }
            }
        }
    }

    private static void Total(Writer w, MetricDescriptor metric, IReadOnlyList<ForwardingWorker> workers, Func<WorkerCounters, long> select)
    {
        long total = 0;
        foreach (ForwardingWorker worker in workers)
        {
            total += select(worker.Counters);
        }

        w.Header(metric);
        w.Sample(metric, null, total);
    }

    private static void PerWorker(Writer w, MetricDescriptor metric, IReadOnlyList<ForwardingWorker> workers, Func<ForwardingWorker, long> value)
    {
        w.Header(metric);
        for (int i = 0; i < workers.Count; i++)
        {
            w.Sample(metric, string.Create(CultureInfo.InvariantCulture, $"worker=\"{i}\""), value(workers[i]));
        }
    }

    private static void IoTotal(Writer w, MetricDescriptor metric, IReadOnlyList<IoCounters> io, Func<IoCounters, long> select)
    {
        long total = 0;
        foreach (IoCounters counters in io)
        {
            total += select(counters);
        }

        w.Header(metric);
        w.Sample(metric, null, total);
    }

    private static long Sum(IReadOnlyList<ForwardingWorker> workers, Func<WorkerCounters, long[]> select, int id)
    {
        long total = 0;
        foreach (ForwardingWorker worker in workers)
        {
            total += Volatile.Read(ref select(worker.Counters)[id]);
        }

        return total;
    }

    /// <summary>"tcp/203.0.113.10:80": a label value without spaces, stable across restarts.</summary>
    public static string ServiceLabel(ServiceKey key) =>
        $"{FlowExplainer.ProtocolName(key.Protocol).ToLowerInvariant()}/{HostPort.Format(key.Vip, key.Port)}";

    /// <summary>Drop reasons as snake_case label values (not_a_vip, no_real_available...).</summary>
    public static string ReasonName(DropReason reason)
    {
        string name = reason.ToString();
        var snake = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(name[i]));
        }

        return snake.ToString();
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class Writer
    {
        private readonly StringBuilder _text = new(16 * 1024);

        public void Header(MetricDescriptor metric)
        {
            string name = metric.PrometheusName;
            _text.Append("# HELP ").Append(name).Append(' ').Append(metric.Help).Append('\n');
            _text.Append("# TYPE ").Append(name).Append(' ').Append(metric.Kind == MetricKind.Counter ? "counter" : "gauge").Append('\n');
        }

        public void Sample(MetricDescriptor metric, string? labels, long value)
        {
            _text.Append(metric.PrometheusName);
            if (labels is not null)
            {
                _text.Append('{').Append(labels).Append('}');
            }

            _text.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        public override string ToString() => _text.ToString();
    }
}
