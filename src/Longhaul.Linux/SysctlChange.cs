namespace Longhaul.Linux;

/// <summary>
/// A sysctl written by <see cref="Sysctl.Change"/>, remembering the value it replaced. Dispose restores it;
/// a key that has since vanished (its device or namespace is gone) needs no restoring and is skipped.
/// </summary>
public sealed class SysctlChange : IDisposable
{
    private bool _restored;

    internal SysctlChange(string key, string oldValue, string newValue)
    {
        Key = key;
        OldValue = oldValue;
        NewValue = newValue;
    }

    public string Key { get; }

    public string OldValue { get; }

    public string NewValue { get; }

    /// <summary>Writes the old value back (once). Throws if the kernel refuses.</summary>
    public void Restore()
    {
        if (_restored)
        {
            return;
        }

        _restored = true;
        try
        {
            if (Sysctl.Read(Key) != OldValue)
            {
                Sysctl.Write(Key, OldValue);
            }
        }
        catch (LinuxException e) when (e.Errno == Errno.ENOENT)
        {
            // The device (or namespace) the key belonged to is gone, and with it the setting.
        }
    }

    public void Dispose() => Restore();

    public override string ToString() => $"{Key}: {OldValue} -> {NewValue}";
}
