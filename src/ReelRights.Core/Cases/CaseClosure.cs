namespace ReelRights.Core.Cases;

/// <summary>Why a closed case closed.</summary>
public enum CaseClosure
{
    Settled,
    Withdrawn,
    MediationFailed,
    ReferredToCourt,
}
