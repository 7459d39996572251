-- AlterTable
ALTER TABLE "Run" ADD COLUMN "scheduledAt" DATETIME;

-- AlterTable
ALTER TABLE "Trigger" ADD COLUMN "lastRunId" TEXT;
ALTER TABLE "Trigger" ADD COLUMN "name" TEXT;
ALTER TABLE "Trigger" ADD COLUMN "sourceFlowId" TEXT;

-- CreateIndex
CREATE INDEX "Trigger_sourceFlowId_idx" ON "Trigger"("sourceFlowId");
