-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "scheduledAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Trigger" ADD COLUMN     "lastRunId" TEXT,
ADD COLUMN     "name" TEXT,
ADD COLUMN     "sourceFlowId" TEXT;

-- CreateIndex
CREATE INDEX "Trigger_sourceFlowId_idx" ON "Trigger"("sourceFlowId");
