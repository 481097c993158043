namespace ReelRights.Core.Cases.Mediation;

/// <summary>
/// The hook the licensing and trading service (用权) fills: when a settled agreement keeps the
/// copies up under a license instead of a takedown, the license is offered through it. Until that
/// service exists, <see cref="ManualSettlementLicensing"/> records that the license is to be
/// granted by hand.
/// </summary>
public interface ISettlementLicensing
{
    /// <summary>Offers the license the settled <paramref name="proposal"/> names; returns what the case should say about it.</summary>
    Task<string> OfferAsync(EnforcementCase settledCase, SettlementProposal proposal, CancellationToken cancellationToken);
}

/// <summary>No licensing service yet: the agreement's terms stand, and the parties grant the license themselves.</summary>
public sealed class ManualSettlementLicensing : ISettlementLicensing
{
    public Task<string> OfferAsync(EnforcementCase settledCase, SettlementProposal proposal, CancellationToken cancellationToken) =>
        Task.FromResult("许可条款已写入和解协议，由双方自行签订许可合同（交易服务尚未上线）/ the license terms are in the agreement; the parties grant the license themselves (the trading service is not live yet)");
}
