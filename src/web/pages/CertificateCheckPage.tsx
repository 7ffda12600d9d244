import { Alert, Button, Card, Descriptions, Flex, Result, Typography } from "antd";
import { useEffect, useState } from "react";
import type { CertificateCheck } from "../../shared/cycle";
import { cycleApi } from "../api/cycle";
import { type CompletionCheck, learnerEvidenceApi } from "../api/learner-evidence";
import { CompletionCard } from "../components/learner-evidence/CompletionCard";
import { PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { PublicFrame } from "../components/PublicFrame";
import { errorText } from "../errors";
import { formatDate } from "../format";
import { useT } from "../i18n/messages";
import { Link } from "../router";

type State =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "done"; certificate: CertificateCheck | null; completion?: CompletionCheck | null };

/** Public check of a certificate code (the QR code on a certificate points here); no sign-in needed. */
export default function CertificateCheckPage({ code }: { code: string }) {
  const t = useT();
  const [state, setState] = useState<State>({ status: "loading" });

  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    // A title's certificate first, else a class's completion certificate (the same QR page).
    cycleApi
      .checkCertificate(code)
      .then(async (certificate) => ({
        certificate,
        completion: certificate ? null : await learnerEvidenceApi.check(code),
      }))
      .then(
        ({ certificate, completion }) => {
          if (live) setState({ status: "done", certificate, completion });
        },
        (err: unknown) => {
          if (live) setState({ status: "error", message: errorText(err, t) });
        },
      );
    return () => {
      live = false;
    };
  }, [code, t]);

  return (
    <PublicFrame maxWidth={640} testId="certificate-check">
      <PageTitle>{t("verify.title")}</PageTitle>
      {state.status === "loading" && <PageLoading />}
      {state.status === "error" && <Alert type="error" showIcon title={state.message} />}
      {state.status === "done" && state.completion && <CompletionCard check={state.completion} />}
      {state.status === "done" && !state.certificate && !state.completion && (
        <Result
          status="warning"
          title={<span data-testid="certificate-verdict">{t("verify.notFound")}</span>}
          subTitle={t("verify.notFoundSub", { code })}
        />
      )}
      {state.status === "done" && state.certificate && <Certificate certificate={state.certificate} />}
      <Flex justify="center">
        <Link to="/">
          <Button>{t("verify.home")}</Button>
        </Link>
      </Flex>
    </PublicFrame>
  );
}

function Certificate({ certificate: c }: { certificate: CertificateCheck }) {
  const t = useT();
  return (
    <Card>
      <Result
        style={{ padding: "8px 0" }}
        status={c.valid ? "success" : "error"}
        title={
          <span data-testid="certificate-verdict">{c.valid ? t("verify.valid") : t("verify.revoked")}</span>
        }
        subTitle={c.valid ? undefined : t("verify.revokedSub")}
      />
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: "holder",
            label: t("verify.holder"),
            children: <strong data-testid="certificate-holder">{c.holderName}</strong>,
          },
          { key: "place", label: t("verify.place"), children: c.place },
          { key: "title", label: t("verify.titleLabel"), children: c.titleLabel },
          { key: "year", label: t("verify.year"), children: c.year },
          {
            key: "decision",
            label: t("verify.decision"),
            children: t("verify.decisionValue", {
              number: c.decisionNumber,
              date: formatDate(c.decisionDate),
            }),
          },
          {
            key: "code",
            label: t("verify.code"),
            children: <Typography.Text code>{c.code}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}
