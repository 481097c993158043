using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Core.Jobs;
using ReelRights.Core.Notifications;

namespace ReelRights.Core.Licensing.Royalties;

/// <summary>
/// 版税结算: a licensee reports usage (CSV or API, each report applied whole or not at all; a later
/// report of the same month, territory, platform and episode replaces the earlier one); either side
/// draws the month's statement; each side confirms the exact content it saw (by SHA-256); once
/// both have, the statement is fixed and sealed, and payments against it are recorded and sealed.
/// </summary>
public sealed class RoyaltyService(ReelRightsDbContext db, LicenseSealer sealer, JobQueue jobs, NotificationService notifications, TimeProvider time)
{
    public const int MaxFileBytes = 16 * 1024 * 1024;

    public async Task<UsageImport> ImportCsvAsync(Actor actor, string code, string? fileName, byte[] file, CancellationToken cancellationToken)
    {
        var license = await LicenseeAsync(actor, code, cancellationToken);
        if (file.Length > MaxFileBytes)
        {
            throw ReelRightsException.Invalid("usage-too-large", "用量文件最大 16 MiB。", "A usage file is at most 16 MiB.");
        }
        var rows = UsageCsv.Parse(file);
        return await ApplyAsync(actor, license, rows, "csv", Validation.OptionalText(Path.GetFileName(fileName ?? ""), 255, "fileName"),
            Convert.ToHexStringLower(SHA256.HashData(file)), cancellationToken);
    }

    public async Task<UsageImport> ReportAsync(Actor actor, string code, IReadOnlyList<UsageRow> rows, CancellationToken cancellationToken)
    {
        var license = await LicenseeAsync(actor, code, cancellationToken);
        if (rows is not { Count: > 0 and <= UsageCsv.MaxRows })
        {
            throw ReelRightsException.Invalid("invalid-usage", $"请给出 1 到 {UsageCsv.MaxRows} 行用量。", $"Give between 1 and {UsageCsv.MaxRows} rows of usage.");
        }
        var numbered = rows.Select((r, i) => r with { Row = i + 1 }).ToList();
        var sha = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(numbered)));
        return await ApplyAsync(actor, license, numbered, "api", null, sha, cancellationToken);
    }

    /// <summary>Every statement of a license, newest month first.</summary>
    public async Task<IReadOnlyList<RoyaltyStatement>> StatementsAsync(Actor actor, string code, CancellationToken cancellationToken)
    {
        var license = await SideAsync(actor, code, Permissions.LicensingRead, cancellationToken);
        return await db.RoyaltyStatements.AsNoTracking().Where(s => s.LicenseId == license.Id).OrderByDescending(s => s.Period).ToListAsync(cancellationToken);
    }

    /// <summary>The months a license reported usage for, with rows and whether a statement exists.</summary>
    public async Task<IReadOnlyList<UsageLine>> UsageAsync(Actor actor, string code, CancellationToken cancellationToken)
    {
        var license = await SideAsync(actor, code, Permissions.LicensingRead, cancellationToken);
        return Current(await db.UsageLines.AsNoTracking().Where(l => l.LicenseId == license.Id).ToListAsync(cancellationToken),
            await ImportOrderAsync(license.Id, cancellationToken));
    }

    /// <summary>
    /// Draws (or redraws) the statement of one month from the usage reported so far. A statement
    /// both sides confirmed is returned as it is; a redraw whose content changed clears earlier confirmations.
    /// </summary>
    public async Task<RoyaltyStatementView> PrepareAsync(Actor actor, string code, string? period, CancellationToken cancellationToken)
    {
        var license = await SideAsync(actor, code, Permissions.LicensingWrite, cancellationToken);
        if (license.State is not (LicenseState.Active or LicenseState.Terminated))
        {
            throw new ReelRightsException(ErrorKind.Conflict, "license-not-signed", "许可尚未签署生效，不能结算。", "The license is not signed yet; there is nothing to settle.");
        }
        var month = (period ?? "").Trim();
        var terms = LicenseTerms.FromJson(license.TermsJson);
        var first = RoyaltyCalculator.PeriodOf(terms.Start);
        var last = RoyaltyCalculator.PeriodOf(await EndAsync(license, cancellationToken));
        if (!UsageRules.PeriodPattern().IsMatch(month) || string.CompareOrdinal(month, first) < 0 || string.CompareOrdinal(month, last) > 0)
        {
            throw ReelRightsException.Invalid("invalid-period", $"结算期间应为许可期限内的月份（{first} 至 {last}），格式 YYYY-MM。", $"The period is a month within the term ({first} to {last}), as YYYY-MM.");
        }
        var statement = await db.RoyaltyStatements.SingleOrDefaultAsync(s => s.LicenseId == license.Id && s.Period == month, cancellationToken);
        if (statement is { Confirmed: true })
        {
            return await ViewAsync(statement, license, cancellationToken);
        }
        var order = await ImportOrderAsync(license.Id, cancellationToken);
        var lines = Current(await db.UsageLines.AsNoTracking().Where(l => l.LicenseId == license.Id && string.Compare(l.Period, month) <= 0).ToListAsync(cancellationToken), order);
        var revenue = lines.GroupBy(l => l.Period).ToDictionary(g => g.Key, g => g.Sum(l => l.RevenueInLicenseCurrency));
        var figure = RoyaltyCalculator.Compute(terms.Price, first, month, revenue);
        var monthLines = lines.Where(l => l.Period == month).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        if (statement is null)
        {
            statement = new RoyaltyStatement { Id = Guid.CreateVersion7(), Number = ReadableCodes.New("RRS", now, 8), LicenseId = license.Id, Period = month, CreatedAt = now };
            db.RoyaltyStatements.Add(statement);
        }
        statement.Currency = terms.Price.Currency;
        statement.Views = monthLines.Sum(l => l.Views);
        statement.Revenue = figure.Revenue;
        statement.Share = figure.Share;
        statement.CumulativeShare = figure.CumulativeShare;
        statement.OwedMinor = figure.OwedMinor;
        statement.FormulaZh = figure.FormulaZh;
        statement.FormulaEn = figure.FormulaEn;
        statement.UsageRows = monthLines.Count;
        var sha = RoyaltyStatements.Sha256(RoyaltyStatements.Canonical(license.Code, statement, monthLines));
        if (sha != statement.ContentSha256)
        {
            statement.ContentSha256 = sha;
            statement.LicensorConfirmedAt = statement.LicenseeConfirmedAt = null;
            statement.LicensorConfirmedBy = statement.LicenseeConfirmedBy = null;
            statement.UpdatedAt = now;
            statement.Version++;
        }
        await SaveAsync(cancellationToken);
        return await ViewAsync(statement, license, cancellationToken, monthLines);
    }

    public async Task<RoyaltyStatementView> GetAsync(Actor actor, string number, CancellationToken cancellationToken)
    {
        var (statement, license) = await StatementAsync(actor, number, Permissions.LicensingRead, cancellationToken);
        return await ViewAsync(statement, license, cancellationToken);
    }

    /// <summary>One side confirms the statement whose content hash it names; a stale hash (usage changed since) is refused.</summary>
    public async Task<RoyaltyStatementView> ConfirmAsync(Actor actor, string number, string? contentSha256, CancellationToken cancellationToken)
    {
        var (statement, license) = await StatementAsync(actor, number, Permissions.LicensingWrite, cancellationToken);
        if (!string.Equals((contentSha256 ?? "").Trim(), statement.ContentSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ReelRightsException(ErrorKind.Conflict, "statement-changed", "结算单内容已变化（SHA-256 不符），请刷新后核对再确认。",
                "The statement has changed (its SHA-256 differs); reload it, check it and confirm again.");
        }
        var now = Cases.CaseMoves.Truncate(time.GetUtcNow().UtcDateTime);
        var licensor = license.LicensorOrganizationId == actor.OrganizationId;
        if (licensor ? statement.LicensorConfirmedAt is not null : statement.LicenseeConfirmedAt is not null)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "already-confirmed", "你方已确认该结算单。", "Your side already confirmed this statement.");
        }
        if (licensor)
        {
            statement.LicensorConfirmedAt = now;
            statement.LicensorConfirmedBy = actor.UserId;
        }
        else
        {
            statement.LicenseeConfirmedAt = now;
            statement.LicenseeConfirmedBy = actor.UserId;
        }
        statement.UpdatedAt = now;
        statement.Version++;
        var other = licensor ? license.LicenseeOrganizationId : license.LicensorOrganizationId;
        notifications.Add(other, "license", new("结算单已确认", "Statement confirmed"),
            new($"许可 {license.Code} 的 {statement.Period} 结算单已由对方确认。", $"The other side confirmed the {statement.Period} statement of license {license.Code}."),
            $"/trading/statements/{statement.Number}");
        if (statement.Confirmed)
        {
            jobs.Enqueue(LicenseSealJob.JobKind, LicenseSealJob.LicensePayload(license.Id), license.LicensorOrganizationId, delay: TimeSpan.FromMinutes(1));
        }
        await SaveAsync(cancellationToken);
        if (statement.Confirmed)
        {
            await sealer.SealRoyaltiesAsync(license.Id, cancellationToken);
        }
        return await ViewAsync(statement, license, cancellationToken);
    }

    /// <summary>Records a payment against a statement both sides confirmed; more than is outstanding is refused.</summary>
    public async Task<RoyaltyStatementView> RecordPaymentAsync(Actor actor, string number, long amountMinor, DateOnly paidOn, string? reference, CancellationToken cancellationToken)
    {
        var (statement, license) = await StatementAsync(actor, number, Permissions.LicensingWrite, cancellationToken);
        if (!statement.Confirmed)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "statement-not-confirmed", "结算单双方确认后才能登记付款。", "Payments are recorded once both sides confirmed the statement.");
        }
        var text = Validation.OptionalText(reference, 200, "reference") ?? throw ReelRightsException.Invalid("reference-required", "请填写付款凭证号（银行流水号等）。", "Give the payment reference (the bank transfer number or similar).");
        if (paidOn > LicensingClock.Today(time))
        {
            throw ReelRightsException.Invalid("invalid-date", "付款日期不能晚于今天。", "The payment date cannot be in the future.");
        }
        var paid = await db.RoyaltyPayments.Where(p => p.StatementId == statement.Id).SumAsync(p => p.AmountMinor, cancellationToken);
        if (amountMinor <= 0 || amountMinor > statement.OwedMinor - paid)
        {
            throw ReelRightsException.Invalid("invalid-amount", $"付款金额应大于 0 且不超过未付金额 {LicenseText.Amount(statement.OwedMinor - paid, statement.Currency)}。",
                $"The amount is above 0 and at most the outstanding {LicenseText.Amount(statement.OwedMinor - paid, statement.Currency)}.");
        }
        db.RoyaltyPayments.Add(new RoyaltyPayment
        {
            Id = Guid.CreateVersion7(),
            StatementId = statement.Id,
            AmountMinor = amountMinor,
            PaidOn = paidOn,
            Reference = text,
            OrganizationId = actor.OrganizationId,
            UserId = actor.UserId,
            At = Cases.CaseMoves.Truncate(time.GetUtcNow().UtcDateTime),
        });
        var other = license.LicensorOrganizationId == actor.OrganizationId ? license.LicenseeOrganizationId : license.LicensorOrganizationId;
        notifications.Add(other, "license", new("已登记付款", "Payment recorded"),
            new($"许可 {license.Code} 的 {statement.Period} 结算单登记了付款 {LicenseText.Amount(amountMinor, statement.Currency)}（{text}）。",
                $"A payment of {LicenseText.Amount(amountMinor, statement.Currency)} ({text}) was recorded on the {statement.Period} statement of license {license.Code}."),
            $"/trading/statements/{statement.Number}");
        jobs.Enqueue(LicenseSealJob.JobKind, LicenseSealJob.LicensePayload(license.Id), license.LicensorOrganizationId, delay: TimeSpan.FromMinutes(1));
        await db.SaveChangesAsync(cancellationToken);
        await sealer.SealRoyaltiesAsync(license.Id, cancellationToken);
        return await ViewAsync(statement, license, cancellationToken);
    }

    /// <summary>The license, for its licensee only (the licensor is told usage comes from the other side; anyone else gets 404), once signed.</summary>
    private async Task<License> LicenseeAsync(Actor actor, string code, CancellationToken cancellationToken)
    {
        var license = await SideAsync(actor, code, Permissions.LicensingWrite, cancellationToken);
        if (license.LicenseeOrganizationId != actor.OrganizationId)
        {
            throw ReelRightsException.Forbidden("用量由被许可方报送。", "Usage is reported by the licensee.");
        }
        if (license.State is not (LicenseState.Active or LicenseState.Terminated))
        {
            throw new ReelRightsException(ErrorKind.Conflict, "license-not-signed", "许可尚未签署生效，不能报送用量。", "The license is not signed yet; usage cannot be reported.");
        }
        return license;
    }

    private async Task<UsageImport> ApplyAsync(Actor actor, License license, IReadOnlyList<UsageRow> rows, string source, string? fileName, string sha256, CancellationToken cancellationToken)
    {
        if (await db.UsageImports.AsNoTracking().FirstOrDefaultAsync(i => i.LicenseId == license.Id && i.Sha256 == sha256, cancellationToken) is { } again)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "usage-already-imported", $"同样的用量已于 {again.At:yyyy-MM-dd HH:mm} UTC 导入，未重复导入。",
                $"The same usage was already imported at {again.At:yyyy-MM-dd HH:mm} UTC; it was not imported twice.");
        }
        var terms = LicenseTerms.FromJson(license.TermsJson);
        var episodes = (await db.Episodes.AsNoTracking().Where(e => e.WorkId == license.WorkId).Select(e => e.Number).ToListAsync(cancellationToken)).ToHashSet();
        var closed = (await db.RoyaltyStatements.AsNoTracking().Where(s => s.LicenseId == license.Id && s.LicensorConfirmedAt != null && s.LicenseeConfirmedAt != null)
            .Select(s => s.Period).ToListAsync(cancellationToken)).ToHashSet();
        var problems = UsageRules.Check(rows, new UsageRules.Scope(terms, await EndAsync(license, cancellationToken), episodes, closed, RoyaltyCalculator.PeriodOf(LicensingClock.Today(time))));
        if (problems.Count > 0)
        {
            throw UsageCsv.Rejected(problems);
        }
        var import = new UsageImport
        {
            Id = Guid.CreateVersion7(),
            LicenseId = license.Id,
            OrganizationId = actor.OrganizationId,
            UserId = actor.UserId,
            Source = source,
            FileName = fileName,
            Sha256 = sha256,
            Rows = rows.Count,
            At = time.GetUtcNow().UtcDateTime,
        };
        db.UsageImports.Add(import);
        foreach (var row in rows)
        {
            var currency = row.Currency!.Trim().ToUpperInvariant();
            var rate = currency == terms.Price.Currency ? (decimal?)null : row.FxRate;
            db.UsageLines.Add(new UsageLine
            {
                Id = Guid.CreateVersion7(),
                ImportId = import.Id,
                LicenseId = license.Id,
                Period = row.Period!.Trim(),
                Territory = row.Territory!.Trim().ToUpperInvariant(),
                Platform = row.Platform!.Trim(),
                Episode = row.Episode,
                Views = row.Views!.Value,
                Revenue = row.Revenue!.Value,
                Currency = currency,
                FxRate = rate,
                RevenueInLicenseCurrency = row.Revenue!.Value * (rate ?? 1m),
                Row = row.Row,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        return import;
    }

    /// <summary>The last day usage may fall on: the term's end, or the China date a termination took effect.</summary>
    private async Task<DateOnly> EndAsync(License license, CancellationToken cancellationToken)
    {
        if (license.State != LicenseState.Terminated)
        {
            return license.End;
        }
        var at = await db.LicenseEvents.AsNoTracking().Where(e => e.LicenseId == license.Id && e.Kind == LicenseEventKind.Terminated)
            .Select(e => (DateTime?)e.At).FirstOrDefaultAsync(cancellationToken);
        var day = at is { } t ? DateOnly.FromDateTime(t + LicensingClock.China) : license.End;
        return day < license.End ? day : license.End;
    }

    private async Task<Dictionary<Guid, DateTime>> ImportOrderAsync(Guid licenseId, CancellationToken cancellationToken) =>
        await db.UsageImports.AsNoTracking().Where(i => i.LicenseId == licenseId).ToDictionaryAsync(i => i.Id, i => i.At, cancellationToken);

    /// <summary>The rows in force: of several reports of one key, the latest import's.</summary>
    private static List<UsageLine> Current(List<UsageLine> lines, Dictionary<Guid, DateTime> importedAt) =>
        lines.GroupBy(l => UsageRules.Key(l.Period, l.Territory, l.Platform, l.Episode))
            .Select(g => g.OrderByDescending(l => importedAt.GetValueOrDefault(l.ImportId)).ThenByDescending(l => l.ImportId).First())
            .OrderBy(l => l.Period, StringComparer.Ordinal).ThenBy(l => l.Territory, StringComparer.Ordinal).ThenBy(l => l.Platform, StringComparer.Ordinal).ThenBy(l => l.Episode)
            .ToList();

    /// <summary>The statement with its rows in force (<paramref name="lines"/> when the caller already has them), payments and names.</summary>
    private async Task<RoyaltyStatementView> ViewAsync(RoyaltyStatement statement, License license, CancellationToken cancellationToken, IReadOnlyList<UsageLine>? lines = null)
    {
        lines ??= Current(await db.UsageLines.AsNoTracking().Where(l => l.LicenseId == license.Id && l.Period == statement.Period).ToListAsync(cancellationToken),
            await ImportOrderAsync(license.Id, cancellationToken));
        var payments = await db.RoyaltyPayments.AsNoTracking().Where(p => p.StatementId == statement.Id).OrderBy(p => p.At).ToListAsync(cancellationToken);
        var names = await db.Organizations.AsNoTracking().Where(o => o.Id == license.LicensorOrganizationId || o.Id == license.LicenseeOrganizationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var title = await db.Works.AsNoTracking().Where(w => w.Id == license.WorkId).Select(w => w.Title).SingleAsync(cancellationToken);
        return new RoyaltyStatementView(statement, license, title, names[license.LicensorOrganizationId], names[license.LicenseeOrganizationId], lines, payments,
            await ObservedAsync(license, cancellationToken));
    }

    /// <summary>The views the pages of the license's licensed copies reported, against the views reported through the month last observed.</summary>
    private async Task<ObservedViews?> ObservedAsync(License license, CancellationToken cancellationToken)
    {
        var seen = await db.MonitoringHits.AsNoTracking()
            .Where(h => h.OrganizationId == license.LicensorOrganizationId && h.WorkId == license.WorkId && h.LicenseCode == license.Code
                && h.Class == Monitoring.MatchClass.Licensed && h.DismissedReason == null && h.ObservedViews != null && h.ViewsObservedAt != null)
            .Select(h => new { Place = h.PageUrl ?? h.Source, Views = h.ObservedViews!.Value, At = h.ViewsObservedAt!.Value })
            .ToListAsync(cancellationToken);
        if (seen.Count == 0)
        {
            return null;
        }
        // One page's count stands for every episode and media link found on it: count each page once, by its latest observation.
        seen = seen.GroupBy(s => s.Place, StringComparer.Ordinal).Select(g => g.MaxBy(s => s.At)!).ToList();
        var at = seen.Max(s => s.At);
        var through = RoyaltyCalculator.PeriodOf(DateOnly.FromDateTime(at + LicensingClock.China));
        var reported = Current(await db.UsageLines.AsNoTracking().Where(l => l.LicenseId == license.Id).ToListAsync(cancellationToken),
                await ImportOrderAsync(license.Id, cancellationToken))
            .Where(l => string.CompareOrdinal(l.Period, through) <= 0).Sum(l => l.Views);
        return new ObservedViews(seen.Sum(s => s.Views), seen.Count, at, through, reported);
    }

    private async Task<(RoyaltyStatement, License)> StatementAsync(Actor actor, string number, string permission, CancellationToken cancellationToken)
    {
        actor.Require(permission);
        var normalized = (number ?? "").Trim().ToUpperInvariant();
        var statement = await db.RoyaltyStatements.SingleOrDefaultAsync(s => s.Number == normalized, cancellationToken);
        var license = statement is null ? null : await db.Licenses.AsNoTracking().SingleAsync(l => l.Id == statement.LicenseId, cancellationToken);
        if (statement is null || license is null || (license.LicensorOrganizationId != actor.OrganizationId && license.LicenseeOrganizationId != actor.OrganizationId))
        {
            throw ReelRightsException.NotFound("结算单");
        }
        return (statement, license);
    }

    private async Task<License> SideAsync(Actor actor, string code, string permission, CancellationToken cancellationToken)
    {
        actor.Require(permission);
        var normalized = (code ?? "").Trim().ToUpperInvariant();
        var license = await db.Licenses.AsNoTracking().SingleOrDefaultAsync(l => l.Code == normalized, cancellationToken);
        if (license is null || (license.LicensorOrganizationId != actor.OrganizationId && license.LicenseeOrganizationId != actor.OrganizationId))
        {
            throw ReelRightsException.NotFound("许可");
        }
        return license;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ReelRightsException(ErrorKind.Conflict, "statement-changed", "结算单刚被另一方更新，请刷新后再操作。", "The statement was just updated by the other side; reload it and try again.");
        }
    }
}
