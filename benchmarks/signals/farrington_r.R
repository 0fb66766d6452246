# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
# R's surveillance::farringtonFlexible with Noufaily's settings on many series.
#
#   Rscript benchmarks/signals/farrington_r.R COUNTS.csv OUT.csv [alpha] [judged_from] [freq]
#
# COUNTS.csv: columns series,t,count (t = 1..T, every t present for every series).
# OUT.csv: series,t,expected,mu0,upperbound,alarm,phi,trend,pvalue for t >= judged_from
# (default: the last year). Prints the CPU and wall seconds spent in farringtonFlexible on
# stderr.
suppressMessages(library(surveillance))
args <- commandArgs(trailingOnly = TRUE)
counts <- read.csv(args[1])
alpha <- if (length(args) >= 3) as.numeric(args[3]) else 0.005
freq <- if (length(args) >= 5) as.integer(args[5]) else 52L
n_t <- max(counts$t)
from <- if (length(args) >= 4) as.integer(args[4]) else n_t - freq + 1L
monthly <- freq == 12L
ctl <- list(range = from:n_t, b = 5, w = if (monthly) 1 else 3, reweight = TRUE,
            weightsThreshold = 2.58, trend = TRUE, pThresholdTrend = 0.05,
            limit54 = if (monthly) c(0, 1) else c(5, 4), powertrans = "none",
            noPeriods = if (monthly) 4 else 10, pastWeeksNotIncluded = if (monthly) 6 else 26,
            thresholdMethod = "nbPlugin", alpha = alpha, glmWarnings = FALSE)
out <- list()
spent <- 0
cpu <- 0
for (name in unique(counts$series)) {
  y <- counts$count[counts$series == name][order(counts$t[counts$series == name])]
  s <- sts(observed = matrix(y, ncol = 1), frequency = freq, start = c(2000, 1))
  t0 <- proc.time()
  r <- farringtonFlexible(s, control = ctl)
  used <- proc.time() - t0
  spent <- spent + used[["elapsed"]]
  cpu <- cpu + used[["user.self"]] + used[["sys.self"]]
  out[[length(out) + 1]] <- data.frame(
    series = name, t = from:n_t, expected = r@control$expected, mu0 = r@control$mu0Vector,
    upperbound = as.numeric(r@upperbound[, 1]), alarm = as.integer(r@alarm[, 1]),
    phi = r@control$phiVector, trend = r@control$trendVector, pvalue = r@control$pvalue)
}
write.csv(do.call(rbind, out), args[2], row.names = FALSE)
message(sprintf("farringtonFlexible cpu seconds: %.3f", cpu))
message(sprintf("farringtonFlexible seconds: %.3f", spent))
