namespace ReelRights.Core.Certificates;

/// <summary>How one Chromium run ended when it did not end well; each caller turns it into its own error.</summary>
internal enum ChromiumFailure
{
    /// <summary>The executable could not be started (missing, not executable).</summary>
    NotStarted,
    /// <summary>It ran past the time limit and its process tree was killed.</summary>
    TimedOut,
    /// <summary>It exited with a non-zero code.</summary>
    Failed,
}
