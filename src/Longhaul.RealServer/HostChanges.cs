namespace Longhaul.RealServer;

/// <summary>
/// Everything the agent changed on the host, each with its undo, undone in reverse order on exit. An undo
/// that fails is reported and the rest still run, so one stubborn route cannot leave the VIPs behind.
/// </summary>
public sealed class HostChanges : IDisposable
{
    private readonly Stack<(string What, Action Undo)> _undo = new();
    private readonly TextWriter _log;

    public HostChanges(TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
    }

    public int Count => _undo.Count;

    /// <summary>Records a change already made, with how to reverse it.</summary>
    public void Add(string what, Action undo)
    {
        ArgumentNullException.ThrowIfNull(undo);
        _undo.Push((what, undo));
        _log.WriteLine($"realserver: {what}");
    }

    /// <summary>Undoes every change; returns the failures (also logged).</summary>
    public IReadOnlyList<Exception> UndoAll()
    {
        var failures = new List<Exception>();
        while (_undo.TryPop(out (string What, Action Undo) change))
        {
            try
            {
                change.Undo();
            }
#pragma warning disable CA1031 // Teardown must go on: every remaining change still has to be undone.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures.Add(e);
                _log.WriteLine($"realserver: could not undo '{change.What}': {e.Message}");
            }
        }

        return failures;
    }

    public void Dispose() => UndoAll();
}
