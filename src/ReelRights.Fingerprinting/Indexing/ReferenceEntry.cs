namespace ReelRights.Fingerprinting.Indexing;

/// <summary>A reference to index: the caller's id and the fingerprint of the episode.</summary>
/// <param name="Id">Caller's identifier, unique within an index, at most 256 characters.</param>
/// <param name="Fingerprint">The reference fingerprint.</param>
public sealed record ReferenceEntry(string Id, Fingerprint Fingerprint);
