namespace ReelRights.Ledger.Timestamps;

/// <summary>PKIFailureInfo bits of RFC 3161 §2.4.2 used by <see cref="TimestampAuthority"/>.</summary>
[Flags]
internal enum PkiFailureInfo
{
    None = 0,
    BadAlg = 1 << 0,
    BadRequest = 1 << 2,
    BadDataFormat = 1 << 5,
    UnacceptedPolicy = 1 << 15,
    UnacceptedExtension = 1 << 16,
}
