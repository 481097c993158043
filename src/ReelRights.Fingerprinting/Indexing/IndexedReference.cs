namespace ReelRights.Fingerprinting.Indexing;

/// <summary>Where one reference's frames sit in the global frame numbering of the posting tables.</summary>
internal sealed record IndexedReference(
    string Id, uint VideoFirst, int VideoFrames, uint AudioFirst, int AudioFrames, double DurationSeconds);
