using Microsoft.EntityFrameworkCore;

namespace ReelRights.Core.Ledger;

internal static class LedgerModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LedgerState>(e =>
        {
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<LedgerEntry>(e =>
        {
            e.HasKey(x => x.LeafIndex);
            e.Property(x => x.LeafIndex).ValueGeneratedNever();
            e.HasIndex(x => x.LeafHash);
            e.HasIndex(x => new { x.OrganizationId, x.LeafIndex });
        });
        modelBuilder.Entity<LedgerNode>(e => e.HasKey(n => new { n.Level, n.NodeIndex }));
        modelBuilder.Entity<LedgerCheckpoint>(e =>
        {
            e.HasKey(c => c.TreeSize);
            e.Property(c => c.TreeSize).ValueGeneratedNever();
        });
    }
}
