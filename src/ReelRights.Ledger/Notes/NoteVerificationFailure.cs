namespace ReelRights.Ledger.Notes;

/// <summary>Why a well-formed note was rejected.</summary>
public enum NoteVerificationFailure
{
    /// <summary>A signature from a known key (same name and key ID) did not verify.</summary>
    InvalidSignature,

    /// <summary>No signature from any known key was present.</summary>
    NoKnownSignature,
}
