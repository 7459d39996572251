-- AlterTable
ALTER TABLE "Trigger" ADD COLUMN "lastError" TEXT;
