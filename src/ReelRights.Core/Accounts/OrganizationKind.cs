namespace ReelRights.Core.Accounts;

/// <summary>The part an organization plays on the platform (see shared/USERS.md).</summary>
public enum OrganizationKind
{
    /// <summary>权利人: producers, authors, voice actors, musicians.</summary>
    RightsHolder,
    /// <summary>平台: receives notices, screens uploads.</summary>
    Platform,
    /// <summary>调解员: mediators at an association.</summary>
    Mediator,
    /// <summary>被许可方: licensees, distributors.</summary>
    Licensee,
    /// <summary>运营方: runs the deployment.</summary>
    Operator,
}
