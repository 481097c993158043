namespace ReelRights.Ledger.Timestamps;

/// <summary>The steps of time-stamp token verification, in the order they run.</summary>
public enum TimestampCheck
{
    /// <summary>The token decodes (RFC 3161 §2.4.2) and its message imprint is SHA-256 of the expected hash value.</summary>
    Imprint,

    /// <summary>The CMS signature over the TSTInfo verifies with the signer's certificate.</summary>
    Signature,

    /// <summary>
    /// The signer certificate has only the critical timeStamping EKU (RFC 3161 §2.3), is the one the
    /// token names in its ESSCertID(v2) attribute, and was valid at genTime.
    /// </summary>
    Certificate,

    /// <summary>The signer certificate chains to a trusted certificate (only when trusted certificates are given).</summary>
    Chain,
}
