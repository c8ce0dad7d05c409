using Longhaul.Balancing.Forwarding;
using Longhaul.Balancing.Model;
using Longhaul.Config;
using Longhaul.Health.Probes;
using Longhaul.Packets;
using Microsoft.Extensions.Logging;

namespace Longhaul.Health;

/// <summary>
/// Glue for a director: owns the <see cref="HealthMonitor"/>, keeps the configured definition and settings, and
/// on every health change hands the director the effective definition (configuration combined with health) and
/// the probe routes to compile and publish. The director's side is one callback, so the runtime and a test host
/// plug in the same way.
/// </summary>
public sealed class HealthDriver : IHealthActions, IAsyncDisposable
{
    private readonly Func<BalancerDefinition, IReadOnlyList<SteeringRoute>, Task> _publish;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private BalancerDefinition? _configured;
    private IReadOnlyDictionary<ServiceKey, ServiceSettings> _settings = new Dictionary<ServiceKey, ServiceSettings>();

    /// <param name="publish">
    /// Compiles the effective definition against the current snapshot, adds the routes
    /// (<see cref="ForwardingSnapshot.WithSteering"/>) and publishes; the task completes once published. Called
    /// one change at a time; it should hand the work to the director's control thread rather than block.
    /// </param>
    public HealthDriver(
        Func<BalancerDefinition, IReadOnlyList<SteeringRoute>, Task> publish,
        ILogger logger,
        TimeProvider? time = null,
        int seed = 0,
        Func<HealthTarget, IHealthProbe>? probes = null)
    {
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentNullException.ThrowIfNull(logger);
        _publish = publish;
        _logger = logger;
        Monitor = new HealthMonitor(this, logger, time, seed, probes);
    }

    public HealthMonitor Monitor { get; }

    /// <summary>This director's data path as the tunnel checks see it (see <see cref="HealthView.DataPathHealthy"/>).</summary>
    public bool? DataPathHealthy => Monitor.View.DataPathHealthy;

    /// <summary>
    /// Starts (or, on reload, restarts) the checks for a configuration and publishes its effective definition.
    /// The probe routes are published before the first check, so no probe takes the client path to some other
    /// real. Reals whose check did not change keep their health across a reload.
    /// </summary>
    public async Task ApplyAsync(BalancerDefinition configured, IReadOnlyDictionary<ServiceKey, ServiceSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(settings);
        lock (_gate)
        {
            _configured = configured;
            _settings = settings;
        }

        var plan = HealthPlan.From(configured, settings);
        await PublishAsync(HealthMonitor.RoutesFor(plan)).ConfigureAwait(false);
        await Monitor.ApplyAsync(plan).ConfigureAwait(false);
        await PublishAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// What the director should compile for <paramref name="configured"/> right now, for changes that do not come
    /// from health (admin edits, reloads): the configuration combined with the current health.
    /// </summary>
    public BalancerDefinition Effective(BalancerDefinition configured, IReadOnlyDictionary<ServiceKey, ServiceSettings> settings) =>
        HealthComposer.Compose(configured, settings, Monitor.View);

    public void SetRealHealth(ServiceKey service, NetAddress real, bool healthy) => _ = PublishAsync();

    public void SetBelowQuorum(ServiceKey service, bool belowQuorum) => _ = PublishAsync();

    public ValueTask DisposeAsync() => Monitor.DisposeAsync();

    private async Task PublishAsync(IReadOnlyList<SteeringRoute>? routes = null)
    {
        BalancerDefinition? configured;
        IReadOnlyDictionary<ServiceKey, ServiceSettings> settings;
        lock (_gate)
        {
            configured = _configured;
            settings = _settings;
        }

        if (configured is null)
        {
            return;
        }

        try
        {
            await _publish(HealthComposer.Compose(configured, settings, Monitor.View), routes ?? Monitor.SteeringRoutes).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Logged; the next change publishes again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            HealthLog.PublishFailed(_logger, e);
        }
    }
}
