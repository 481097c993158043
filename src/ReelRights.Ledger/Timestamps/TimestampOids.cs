namespace ReelRights.Ledger.Timestamps;

/// <summary>Object identifiers used by RFC 3161 tokens.</summary>
internal static class TimestampOids
{
    /// <summary>id-ct-TSTInfo (RFC 3161 §2.4.2).</summary>
    public const string TstInfo = "1.2.840.113549.1.9.16.1.4";

    /// <summary>id-aa-signingCertificateV2 (RFC 5035 §3, allowed for TSAs by RFC 5816 §2.2.1).</summary>
    public const string SigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";

    /// <summary>id-kp-timeStamping (RFC 5280 §4.2.1.12).</summary>
    public const string TimeStampingUsage = "1.3.6.1.5.5.7.3.8";

    /// <summary>id-sha256 (RFC 5754 §2.2).</summary>
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";

    /// <summary>id-sha384.</summary>
    public const string Sha384 = "2.16.840.1.101.3.4.2.2";

    /// <summary>id-sha512.</summary>
    public const string Sha512 = "2.16.840.1.101.3.4.2.3";

    /// <summary>
    /// Default TSA policy. RFC 3161 §2.4.2 requires a policy OID; we have no enterprise arc, so
    /// this is a UUID-derived OID under 2.25 (ITU-T X.667 §6.3), unique without registration.
    /// </summary>
    public const string DefaultPolicy = "2.25.130414355601259618052438710113238076423";
}
