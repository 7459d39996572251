import { Logo } from "./logo";
import { NavLink } from "./nav-link";
import { UserMenu } from "./user-menu";
import { WorkspaceSwitcher, type SwitcherWorkspace } from "./workspace-switcher";

/** The top bar of every workspace page: logo, workspace switcher, sections, the signed-in user. */
export function AppHeader({
  current,
  workspaces,
  user,
}: {
  current: SwitcherWorkspace;
  workspaces: SwitcherWorkspace[];
  user: { name: string | null; email: string };
}) {
  const base = `/w/${current.slug}`;
  return (
    <header className="sticky top-0 z-20 border-b border-zinc-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4 sm:px-6">
        <Logo href={base} withName={false} />
        <span className="text-zinc-300" aria-hidden>
          /
        </span>
        <WorkspaceSwitcher current={current} workspaces={workspaces} />
        <nav aria-label="Workspace" className="ml-2 flex items-center gap-1">
          <NavLink href={base} exact>
            Flows
          </NavLink>
          <NavLink href={`${base}/settings`}>Settings</NavLink>
        </nav>
        <div className="ml-auto">
          <UserMenu name={user.name} email={user.email} />
        </div>
      </div>
    </header>
  );
}
