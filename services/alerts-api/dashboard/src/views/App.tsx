import { session } from '../state/session.js';
import { Dashboard } from './Dashboard.js';
import { LoginView } from './LoginView.js';
import { NoticeBar } from './NoticeBar.js';

/** Login until there is a session, then the dashboard (remounted per login). */
export function App() {
  const current = session.value;
  return (
    <>
      {current ? <Dashboard key={current.token} session={current} /> : <LoginView />}
      <NoticeBar />
    </>
  );
}
