namespace Longhaul.Director.Announce;

/// <summary>
/// Where the announcer's decisions land: a host route per announced VIP in the table the routing daemon
/// exports. Called on the data plane's control thread (the one in the director's network namespace).
/// </summary>
public interface IAnnounceRoutes
{
    /// <summary>Installs (or re-installs, idempotently) the route for <paramref name="prefix"/>; throws when it cannot.</summary>
    void Announce(string prefix);

    /// <summary>Removes the route for <paramref name="prefix"/>; a route that is already gone is not an error.</summary>
    void Withdraw(string prefix);
}
